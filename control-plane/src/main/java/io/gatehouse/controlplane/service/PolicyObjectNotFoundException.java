package io.gatehouse.controlplane.service;

/** The named identity, resource or grant does not exist (404). */
public class PolicyObjectNotFoundException extends RuntimeException {

    public PolicyObjectNotFoundException(String what, String key) {
        super("no " + what + " '" + key + "'");
    }
}
