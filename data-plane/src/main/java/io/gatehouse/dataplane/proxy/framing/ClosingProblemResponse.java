package io.gatehouse.dataplane.proxy.framing;

import io.gatehouse.dataplane.audit.TimeOrderedIds;
import io.gatehouse.dataplane.proxy.Problem;
import io.gatehouse.dataplane.proxy.ProxyHeaders;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** A problem+json answer written straight to a connection below Vert.x's request handling, which then closes. */
public final class ClosingProblemResponse {

    private ClosingProblemResponse() {
    }

    public static FullHttpResponse of(Problem problem) {
        String requestId = TimeOrderedIds.nextString();
        byte[] body = problem.toJson(requestId).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(problem.status()), Unpooled.wrappedBuffer(body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(ProxyHeaders.REQUEST_ID, requestId);
        return response;
    }
}
