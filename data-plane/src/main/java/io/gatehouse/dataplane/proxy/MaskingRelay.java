package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.masking.BodyMasker;
import io.gatehouse.dataplane.masking.MaskingException;
import io.gatehouse.dataplane.masking.MaskingSummary;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerResponse;

/**
 * Streams an upstream body to the caller through a {@link BodyMasker} (masking rules, if any, and
 * always the credential-echo scrubber), chunk by chunk, with
 * backpressure (the upstream is paused while the caller's write queue is full). If the body cannot
 * be masked the call fails with 502: before anything was sent the caller gets a problem response,
 * after that its connection is reset — never unmasked data or a body that looks complete.
 */
final class MaskingRelay {

    private MaskingRelay() {
    }

    /** Completes with what was masked, or fails when the response had to be aborted. */
    static Future<MaskingSummary> relay(HttpClientResponse upstream, HttpServerResponse caller, BodyMasker masker) {
        Promise<MaskingSummary> done = Promise.promise();
        if (!caller.headers().contains("Content-Length")) {
            caller.setChunked(true);
        }
        upstream.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            try {
                write(caller, masker.feed(chunk.getBytes()));
            } catch (MaskingException e) {
                abort(upstream, done, "the response could not be masked: " + e.getMessage());
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
                done.tryComplete(masker.summary());
            } catch (MaskingException e) {
                abort(upstream, done, "the response could not be masked: " + e.getMessage());
            }
        });
        upstream.exceptionHandler(failure -> abort(upstream, done, "the upstream connection failed mid-body"));
        caller.exceptionHandler(failure -> abort(upstream, done, "the caller connection failed"));
        upstream.resume();
        return done.future();
    }

    private static void write(HttpServerResponse caller, byte[] bytes) {
        if (bytes.length > 0) {
            caller.write(Buffer.buffer(bytes));
        }
    }

    /** The caller's side is answered (problem or reset) by the request path's failure handling. */
    private static void abort(HttpClientResponse upstream, Promise<MaskingSummary> done, String why) {
        if (done.tryFail(new ProblemException(Problem.badGateway(why)))) {
            upstream.request().reset();
        }
    }
}
