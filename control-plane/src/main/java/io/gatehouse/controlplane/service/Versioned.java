package io.gatehouse.controlplane.service;

/** A policy object with its ETag; {@code created} when a write made it new. */
public record Versioned<T>(T object, String etag, boolean created) {
}
