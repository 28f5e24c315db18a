package io.gatehouse.vaultbroker.service;

/** The broker has not yet received the control plane's configuration, so it cannot tell who may receive what. */
public class CatalogNotReadyException extends RuntimeException {

    public CatalogNotReadyException() {
        super("the vault broker has not received its configuration from the control plane yet");
    }
}
