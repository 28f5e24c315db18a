package io.gatehouse.dataplane.proxy.framing;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;

import java.util.ArrayDeque;
import java.util.Queue;

/**
 * Notes the method of every request written on an upstream connection (it sits just before the
 * HTTP encoder): whether a response has a body depends on it (HEAD), and the
 * {@link ResponseFramingGuard} reads responses in request order.
 */
final class RequestMethodTracker extends ChannelOutboundHandlerAdapter {

    private final Queue<String> methodsAwaitingResponse = new ArrayDeque<>();

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof HttpRequest request) {
            methodsAwaitingResponse.add(request.method().name());
        }
        super.write(ctx, msg, promise);
    }

    /** The method of the oldest request not yet answered, null when none is outstanding. */
    String oldestUnanswered() {
        return methodsAwaitingResponse.peek();
    }

    void answered() {
        methodsAwaitingResponse.poll();
    }
}
