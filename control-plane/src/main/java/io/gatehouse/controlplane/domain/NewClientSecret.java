package io.gatehouse.controlplane.domain;

/** A client secret just created: {@code secret} is shown this once and kept nowhere in clear. */
public record NewClientSecret(ClientSecretInfo info, String secret) {

    @Override
    public String toString() {
        return "NewClientSecret[" + info.secretId() + "]";
    }
}
