package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.masking.StreamingJsonMasker;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.util.Set;

/**
 * Streams an upstream JSON body to the caller through the masker, chunk by chunk, with
 * backpressure. If the body cannot be masked (not JSON, cut short) the caller's connection is
 * reset: the caller gets an error, never unmasked data or a body that looks complete.
 */
final class MaskingRelay {

    private MaskingRelay() {
    }

    /** Completes with the names of the fields masked, or fails when the response had to be aborted. */
    static Future<Set<String>> relay(HttpClientResponse upstream, HttpServerResponse caller, Set<String> maskedFields) {
        Promise<Set<String>> done = Promise.promise();
        StreamingJsonMasker masker = new StreamingJsonMasker(maskedFields);
        caller.setChunked(true);
        upstream.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            try {
                write(caller, masker.feed(chunk.getBytes()));
            } catch (IOException e) {
                abort(upstream, caller, done, "upstream body is not valid JSON, so it cannot be masked");
                return;
            }
            if (caller.writeQueueFull()) {
                upstream.pause();
                caller.drainHandler(drained -> upstream.resume());
            }
        });
        upstream.endHandler(end -> {
            if (done.future().isComplete()) {
                return;
            }
            try {
                byte[] tail = masker.finish();
                caller.end(Buffer.buffer(tail));
                done.tryComplete(masker.fieldsMasked());
            } catch (IOException e) {
                abort(upstream, caller, done, "upstream body ended inside a JSON value");
            }
        });
        upstream.exceptionHandler(failure -> abort(upstream, caller, done, "upstream connection failed mid-body"));
        caller.exceptionHandler(failure -> abort(upstream, caller, done, "caller connection failed"));
        upstream.resume();
        return done.future();
    }

    private static void write(HttpServerResponse caller, byte[] bytes) {
        if (bytes.length > 0) {
            caller.write(Buffer.buffer(bytes));
        }
    }

    private static void abort(HttpClientResponse upstream, HttpServerResponse caller, Promise<Set<String>> done, String why) {
        if (done.tryFail(new IOException(why))) {
            upstream.request().reset();
            caller.reset();
        }
    }
}
