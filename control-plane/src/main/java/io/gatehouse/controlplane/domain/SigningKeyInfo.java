package io.gatehouse.controlplane.domain;

import java.time.Instant;

/**
 * What an operator may know of a signing key: never its private half.
 *
 * @param signsFrom     when a next key becomes current (its creation plus the publish-ahead time)
 * @param publishedUntil when a retired key stops being published (its retirement plus the retire-after time)
 */
public record SigningKeyInfo(String kid, String algorithm, String state, Instant createdAt, Instant activatedAt,
                             Instant retiredAt, Instant archivedAt, Instant signsFrom, Instant publishedUntil) {
}
