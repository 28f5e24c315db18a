package io.gatehouse.dataplane.proxy.framing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

import java.util.ArrayList;
import java.util.List;

/**
 * Sits in front of the HTTP decoder of an upstream connection and follows every response's framing
 * strictly, as {@link RequestFramingGuard} does for requests. A response that two parsers could
 * read differently (Content-Length next to Transfer-Encoding, obs-fold, bad chunk sizes, an
 * invalid status line…) fails the call and closes the connection, so that whatever follows the
 * malformed response on it is never read as the answer to another call.
 */
final class ResponseFramingGuard extends ChannelInboundHandlerAdapter {

    private enum State { STATUS_LINE, HEADERS, BODY, UNTIL_CLOSE, FAILED }

    private final int maxStatusLine;
    private final int maxHeaderSection;
    private final RequestMethodTracker requests;
    private final LineBuffer line = new LineBuffer();
    private final List<FieldLineRules.Header> headers = new ArrayList<>();
    private final FramingViolation lineTooLong;
    private final MessageBodyScanner body;

    private State state;
    private int status;
    private boolean http10;
    private int headerSectionBytes;

    ResponseFramingGuard(int maxStatusLine, int maxHeaderSection, RequestMethodTracker requests) {
        this.maxStatusLine = maxStatusLine;
        this.maxHeaderSection = maxHeaderSection;
        this.requests = requests;
        this.lineTooLong = FramingViolation.badRequest("a line of the response head is too long");
        this.body = new MessageBodyScanner(maxHeaderSection, lineTooLong, lineTooLong);
        startResponse();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (state == State.FAILED) {
            in.release();
            return;
        }
        try {
            check(in);
        } catch (FramingViolation | MalformedUpstreamResponseException violation) {
            state = State.FAILED;
            in.release();
            ctx.fireExceptionCaught(violation instanceof MalformedUpstreamResponseException malformed
                    ? malformed : new MalformedUpstreamResponseException(violation.getMessage()));
            ctx.close();
            return;
        }
        ctx.fireChannelRead(in);
    }

    /** Follows the framing over {@code in} without consuming it; throws on the first violation. */
    private void check(ByteBuf in) {
        int i = in.readerIndex();
        int end = in.writerIndex();
        while (i < end) {
            switch (state) {
                case STATUS_LINE, HEADERS -> {
                    if (line.append(in.getByte(i++))) {
                        onLine();
                    }
                }
                case BODY -> {
                    i = body.scan(in, i, end);
                    if (!body.inBody()) {
                        responseComplete();
                    }
                }
                case UNTIL_CLOSE -> i = end;
                case FAILED -> {
                    return;
                }
            }
        }
    }

    private void onLine() {
        String text = line.text();
        switch (state) {
            case STATUS_LINE -> {
                if (requests.oldestUnanswered() == null) {
                    throw ResponseHeadRules.violation("a response arrived for no request");
                }
                status = ResponseHeadRules.checkStatusLine(text);
                http10 = text.startsWith("HTTP/1.0");
                headerSectionBytes = 0;
                headers.clear();
                startLine(State.HEADERS, maxHeaderSection);
            }
            case HEADERS -> {
                headerSectionBytes += text.length() + 2;
                if (!text.isEmpty()) {
                    headers.add(FieldLineRules.checkHeaderLine(text));
                    startLine(State.HEADERS, maxHeaderSection - headerSectionBytes);
                    return;
                }
                if (status == 101) {
                    throw ResponseHeadRules.violation("the upstream switched protocols, which the proxy never asks for");
                }
                if (status < 200) {
                    startLine(State.STATUS_LINE, maxStatusLine); // an interim answer; the final one follows
                    return;
                }
                BodyFraming framing = ResponseHeadRules.framing(requests.oldestUnanswered(), status, http10, headers);
                if (framing == null) {
                    state = State.UNTIL_CLOSE;
                    return;
                }
                body.start(framing);
                if (body.inBody()) {
                    state = State.BODY;
                } else {
                    responseComplete();
                }
            }
            default -> throw new IllegalStateException("no line expected in state " + state);
        }
    }

    private void responseComplete() {
        requests.answered();
        startResponse();
    }

    private void startResponse() {
        startLine(State.STATUS_LINE, maxStatusLine);
    }

    private void startLine(State next, int limit) {
        state = next;
        line.start(limit, lineTooLong);
    }
}
