package io.gatehouse.dataplane.auth;

/** The issuer's signing keys could not be fetched, so no token of it can be verified right now. */
public class IssuerUnavailableException extends RuntimeException {

    public IssuerUnavailableException(String issuer) {
        super("the signing keys of issuer " + issuer + " cannot be fetched right now", null, false, false);
    }
}
