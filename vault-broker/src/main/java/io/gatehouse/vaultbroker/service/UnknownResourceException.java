package io.gatehouse.vaultbroker.service;

/** No secret backs the resource; the data plane answers 503 for that resource only. */
public class UnknownResourceException extends RuntimeException {

    public UnknownResourceException(String resource) {
        super("no credential is configured for resource '" + resource + "'");
    }
}
