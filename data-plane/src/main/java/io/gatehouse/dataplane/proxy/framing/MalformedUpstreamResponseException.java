package io.gatehouse.dataplane.proxy.framing;

/** The upstream answered with a response whose framing or syntax the proxy refuses; the call fails with 502. */
public final class MalformedUpstreamResponseException extends RuntimeException {

    MalformedUpstreamResponseException(String reason) {
        super(reason, null, false, false);
    }
}
