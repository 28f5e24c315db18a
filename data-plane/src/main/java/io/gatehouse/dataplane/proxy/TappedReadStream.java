package io.gatehouse.dataplane.proxy;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A read stream that shows each chunk, and its end, to an observer before passing them on; flow control is the
 * source's. The observer must not throw.
 */
final class TappedReadStream implements ReadStream<Buffer> {

    private final ReadStream<Buffer> source;
    private final Handler<Buffer> observer;
    private final Runnable endObserver;

    TappedReadStream(ReadStream<Buffer> source, Handler<Buffer> observer, Runnable endObserver) {
        this.source = source;
        this.observer = observer;
        this.endObserver = endObserver;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        source.exceptionHandler(handler);
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> handler) {
        source.handler(handler == null ? null : chunk -> {
            observer.handle(chunk);
            handler.handle(chunk);
        });
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        source.pause();
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        source.resume();
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        source.fetch(amount);
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
        source.endHandler(endHandler == null ? null : end -> {
            endObserver.run();
            endHandler.handle(end);
        });
        return this;
    }
}
