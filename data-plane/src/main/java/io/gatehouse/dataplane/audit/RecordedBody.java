package io.gatehouse.dataplane.audit;

/**
 * The first bytes of one body of a call.
 *
 * @param size      bytes of the whole body
 * @param content   its first bytes (at most the resource's cap); empty for a binary body, whose bytes are never kept
 * @param truncated the body was longer than what was kept
 * @param binary    not text (by content type or encoding): only size and content type are recorded
 */
public record RecordedBody(long size, String contentType, byte[] content, boolean truncated, boolean binary) {
}
