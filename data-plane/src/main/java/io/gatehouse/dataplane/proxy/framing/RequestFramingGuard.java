package io.gatehouse.dataplane.proxy.framing;

import io.gatehouse.dataplane.audit.CallDecision;
import io.gatehouse.dataplane.proxy.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Sits in front of Netty's HTTP decoder and lets through only requests whose framing has exactly
 * one reading (RFC 9112, strictly): a request head is held until it is complete and valid; bodies
 * are followed by their Content-Length or chunk by chunk, so the next request on the connection
 * is found where the upstream would find it. Netty alone is lenient here (it drops Content-Length
 * next to Transfer-Encoding, unfolds obs-fold lines, accepts bare LF), and every leniency is a
 * place where two parsers on the path can disagree.
 * <p>
 * A violation ends the connection: nothing after it is passed on. The caller gets a problem+json
 * refusal once the answers owed to earlier (pipelined) requests are written, unless the refused
 * request's own answer had already begun; then the connection is just closed.
 */
public final class RequestFramingGuard extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = Logger.getLogger(RequestFramingGuard.class);
    /** RFC 9112 2.2 asks to tolerate an empty line or two before a request line (left over after a body). */
    private static final int MAX_LEADING_EMPTY_LINES = 4;
    private static final FramingViolation CHUNK_LINE_TOO_LONG = FramingViolation.badRequest(
            "a chunk size line (with its extensions) is longer than " + MessageBodyScanner.MAX_CHUNK_LINE + " bytes");

    private enum State { HEAD, BODY, REFUSED }

    private final int maxRequestLine;
    private final int maxHeaderSection;
    private final ExchangeTracker exchanges;
    private final FramingViolation requestLineTooLong;
    private final FramingViolation headersTooLarge;
    private final MessageBodyScanner body;
    private final LineBuffer line = new LineBuffer();
    private final List<FieldLineRules.Header> headers = new ArrayList<>();

    private State state = State.HEAD;
    private ByteBuf heldHead;
    private String version;
    private int leadingEmptyLines;
    private int headerSectionBytes;
    private int requestsPassed;

    RequestFramingGuard(int maxRequestLine, int maxHeaderSection, ExchangeTracker exchanges) {
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderSection = maxHeaderSection;
        this.exchanges = exchanges;
        this.requestLineTooLong = new FramingViolation(414, "the request line is longer than " + maxRequestLine + " bytes");
        this.headersTooLarge = new FramingViolation(431, "the request headers are larger than " + maxHeaderSection + " bytes");
        this.body = new MessageBodyScanner(maxHeaderSection, CHUNK_LINE_TOO_LONG,
                FramingViolation.badRequest("the request trailers are larger than " + maxHeaderSection + " bytes"));
        startHead();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            read(ctx, in);
        } catch (FramingViolation violation) {
            refuse(ctx, violation);
        } finally {
            in.release();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        releaseHeldHead();
    }

    private void read(ChannelHandlerContext ctx, ByteBuf in) {
        int passFrom = in.readerIndex();
        int i = passFrom;
        int end = in.writerIndex();
        while (i < end && state != State.REFUSED) {
            switch (state) {
                case HEAD -> {
                    if (passFrom < i) {
                        pass(ctx, in, passFrom, i);
                    }
                    byte b = in.getByte(i++);
                    heldHead.writeByte(b);
                    passFrom = i;
                    if (line.append(b)) {
                        onHeadLine(ctx);
                    }
                }
                case BODY -> {
                    i = body.scan(in, i, end);
                    if (!body.inBody()) {
                        startHead();
                    }
                }
                case REFUSED -> {
                }
            }
        }
        if (state != State.REFUSED && passFrom < i) {
            pass(ctx, in, passFrom, i);
        }
    }

    private void onHeadLine(ChannelHandlerContext ctx) {
        String text = line.text();
        if (version == null) {
            if (text.isEmpty()) {
                if (++leadingEmptyLines > MAX_LEADING_EMPTY_LINES) {
                    throw FramingViolation.badRequest("too many empty lines before the request line");
                }
                heldHead.clear();
                line.start(maxRequestLine, requestLineTooLong);
                return;
            }
            version = RequestHeadRules.checkRequestLine(text);
            startHeaderLine();
            return;
        }
        headerSectionBytes += text.length() + 2;
        if (!text.isEmpty()) {
            headers.add(FieldLineRules.checkHeaderLine(text));
            startHeaderLine();
            return;
        }
        BodyFraming framing = RequestHeadRules.framing(version, headers);
        ByteBuf head = heldHead;
        heldHead = null;
        requestsPassed++;
        ctx.fireChannelRead(head);
        body.start(framing);
        if (body.inBody()) {
            state = State.BODY;
        } else {
            startHead();
        }
    }

    private void startHead() {
        state = State.HEAD;
        version = null;
        headers.clear();
        leadingEmptyLines = 0;
        headerSectionBytes = 0;
        releaseHeldHead();
        heldHead = Unpooled.buffer(512);
        line.start(maxRequestLine, requestLineTooLong);
    }

    private void startHeaderLine() {
        line.start(maxHeaderSection - headerSectionBytes, headersTooLarge);
    }

    private static void pass(ChannelHandlerContext ctx, ByteBuf in, int from, int to) {
        ctx.fireChannelRead(in.retainedSlice(from, to - from));
    }

    private void refuse(ChannelHandlerContext ctx, FramingViolation violation) {
        boolean requestUnderWay = state != State.HEAD;
        state = State.REFUSED;
        releaseHeldHead();
        LOG.debugf("Refused a request from %s: %s", ctx.channel().remoteAddress(), violation.reason());
        if (requestUnderWay && !exchanges.idleAfter(requestsPassed - 1)) {
            // the request being refused already has (part of) an answer: nothing can be added to it
            ctx.close();
            return;
        }
        // the refusal takes its turn after the answers owed to the requests before it (pipelining)
        int answeredBefore = requestsPassed - (requestUnderWay ? 1 : 0);
        exchanges.whenIdleAfter(answeredBefore, () -> exchanges.context().writeAndFlush(problemResponse(violation))
                .addListener(ChannelFutureListener.CLOSE));
    }

    private static FullHttpResponse problemResponse(FramingViolation violation) {
        return ClosingProblemResponse.of(new Problem(violation.status(), "malformed-request",
                HttpResponseStatus.valueOf(violation.status()).reasonPhrase(), violation.reason(), CallDecision.DENIED));
    }

    private void releaseHeldHead() {
        if (heldHead != null) {
            heldHead.release();
            heldHead = null;
        }
    }
}
