package io.gatehouse.controlplane.rest;

/** A request parameter the admin API cannot accept; answered with 400 and the reason. */
public class InvalidRequestException extends RuntimeException {

    public InvalidRequestException(String message) {
        super(message);
    }
}
