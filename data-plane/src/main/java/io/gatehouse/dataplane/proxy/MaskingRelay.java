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
        DeclaredLength declared = DeclaredLength.of(upstream.getHeader("Content-Length"));
        upstream.handler(chunk -> {
            if (done.future().isComplete()) {
                return;
            }
            try {
                byte[] out = masker.feed(chunk.getBytes());
                if (declared.completedBy(chunk.length())) {
                    finish(caller, masker, out, done);
                    return;
                }
                write(caller, out);
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
                finish(caller, masker, new byte[0], done);
            } catch (MaskingException e) {
                abort(upstream, done, "the response could not be masked: " + e.getMessage());
            }
        });
        upstream.exceptionHandler(failure -> abort(upstream, done, "the upstream connection failed mid-body"));
        caller.exceptionHandler(failure -> abort(upstream, done, "the caller connection failed"));
        upstream.resume();
        return done.future();
    }

    /**
     * Ends the caller's response with the last masked bytes and the masker's tail in one write. It runs on the chunk
     * that completes a declared Content-Length, before the upstream's end event: writing that chunk and then the
     * tail the scrubber held back would cost the caller a second packet per call.
     */
    private static void finish(HttpServerResponse caller, BodyMasker masker, byte[] last, Promise<MaskingSummary> done)
            throws MaskingException {
        byte[] tail = masker.finish();
        Buffer rest = Buffer.buffer(last.length + tail.length).appendBytes(last).appendBytes(tail);
        caller.end(rest);
        done.tryComplete(masker.summary());
    }

    private static void write(HttpServerResponse caller, byte[] bytes) {
        if (bytes.length > 0) {
            caller.write(Buffer.buffer(bytes));
        }
    }

    /** The upstream body's Content-Length, if it declared one, and how much of it has arrived. */
    private static final class DeclaredLength {
        private final long length;
        private long received;

        private DeclaredLength(long length) {
            this.length = length;
        }

        static DeclaredLength of(String header) {
            try {
                return new DeclaredLength(header == null ? -1 : Long.parseLong(header.trim()));
            } catch (NumberFormatException e) {
                return new DeclaredLength(-1); // the framing guard refuses such a response before it gets here
            }
        }

        boolean completedBy(int chunkLength) {
            received += chunkLength;
            return length > 0 && received == length;
        }
    }

    /** The caller's side is answered (problem or reset) by the request path's failure handling. */
    private static void abort(HttpClientResponse upstream, Promise<MaskingSummary> done, String why) {
        if (done.tryFail(new ProblemException(Problem.badGateway(why)))) {
            upstream.request().reset();
        }
    }
}
