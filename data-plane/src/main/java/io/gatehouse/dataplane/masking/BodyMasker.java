package io.gatehouse.dataplane.masking;

/**
 * Masks one response body that arrives in chunks. Each call returns the masked bytes it could
 * complete (possibly none); nothing is returned that a later chunk could still turn into a match.
 * A {@link MaskingException} means the response must be aborted: nothing more may be sent.
 */
public interface BodyMasker {

    byte[] feed(byte[] chunk) throws MaskingException;

    /** The end of the body; returns the last masked bytes or fails if the body was incomplete. */
    byte[] finish() throws MaskingException;

    MaskingSummary summary();
}
