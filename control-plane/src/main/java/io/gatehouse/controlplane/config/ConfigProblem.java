package io.gatehouse.controlplane.config;

/**
 * One problem of a declarative document: where ({@code identities[2].expires}; empty for the whole
 * document) and what is wrong, said so that the operator knows how to fix it.
 */
public record ConfigProblem(String path, String message) {

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
