package io.gatehouse.dataplane.proxy.framing;

/** How the body of a request is delimited (RFC 9112 6.3): not at all, by Content-Length, or chunked. */
record BodyFraming(Kind kind, long length) {

    enum Kind { NONE, LENGTH, CHUNKED }

    static final BodyFraming NONE = new BodyFraming(Kind.NONE, 0);
    static final BodyFraming CHUNKED = new BodyFraming(Kind.CHUNKED, -1);

    static BodyFraming length(long length) {
        return length == 0 ? NONE : new BodyFraming(Kind.LENGTH, length);
    }
}
