package io.gatehouse.dataplane.proxy.framing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Watches the responses the server writes on one connection (it sits just after the HTTP encoder)
 * so that the {@link RequestFramingGuard} knows whether a refusal may be written now: only when no
 * response is open or owed to an earlier request, else it would land inside or before another answer.
 * It also writes that refusal, so that it passes the encoder like any other response.
 */
final class ExchangeTracker extends ChannelOutboundHandlerAdapter {

    private int responsesStarted;
    private int responsesCompleted;
    private ChannelHandlerContext context;
    private int awaitedAnswers = -1;
    private Runnable onceAnswered;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        context = ctx;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        // interim answers (100 Continue) neither open nor close an exchange
        boolean interim = msg instanceof HttpResponse response && response.status().codeClass()
                == io.netty.handler.codec.http.HttpStatusClass.INFORMATIONAL;
        if (!interim) {
            if (msg instanceof HttpResponse) {
                responsesStarted++;
            }
            if (msg instanceof LastHttpContent) {
                responsesCompleted++;
            }
        }
        super.write(ctx, msg, promise);
        if (onceAnswered != null && idleAfter(awaitedAnswers)) {
            Runnable action = onceAnswered;
            onceAnswered = null;
            action.run();
        }
    }

    /** Runs {@code action} as soon as {@code answered} responses are complete and none is being written (maybe now). */
    void whenIdleAfter(int answered, Runnable action) {
        if (idleAfter(answered)) {
            action.run();
        } else {
            awaitedAnswers = answered;
            onceAnswered = action;
        }
    }

    /** True when no response is being written and exactly {@code answered} responses were completed. */
    boolean idleAfter(int answered) {
        return responsesStarted == responsesCompleted && responsesCompleted == answered;
    }

    ChannelHandlerContext context() {
        return context;
    }
}
