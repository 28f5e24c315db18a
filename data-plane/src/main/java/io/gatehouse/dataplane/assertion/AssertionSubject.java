package io.gatehouse.dataplane.assertion;

/**
 * Who an assertion speaks for: the identity, its owner team, the resource called, and the token the
 * caller presented (its issuer and subject: the binding it came through).
 */
public record AssertionSubject(String identity, String ownerTeam, String resource, String tokenIssuer, String tokenSubject) {
}
