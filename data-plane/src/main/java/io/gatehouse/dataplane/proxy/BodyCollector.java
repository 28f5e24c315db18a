package io.gatehouse.dataplane.proxy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a whole request body, refusing bodies above a limit before they are held in memory. */
final class BodyCollector {

    private BodyCollector() {
    }

    static Future<Buffer> collect(HttpServerRequest request, int maxBytes) {
        String declared = request.getHeader("Content-Length");
        if (declared != null && parseLength(declared) > maxBytes) {
            return Future.failedFuture(new ProblemException(Problem.tooLarge(
                    "calls that need approval may carry at most " + maxBytes + " bytes of body")));
        }
        Promise<Buffer> body = Promise.promise();
        Buffer collected = Buffer.buffer();
        request.handler(chunk -> {
            if (collected.length() + chunk.length() > maxBytes) {
                body.tryFail(new ProblemException(Problem.tooLarge(
                        "calls that need approval may carry at most " + maxBytes + " bytes of body")));
                request.pause();
                return;
            }
            collected.appendBuffer(chunk);
        });
        request.endHandler(done -> body.tryComplete(collected));
        request.exceptionHandler(body::tryFail);
        request.resume();
        return body.future();
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.badRequest("Content-Length is not a number"));
        }
    }
}
