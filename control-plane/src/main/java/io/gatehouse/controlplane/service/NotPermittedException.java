package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The caller is known but may not do this (403). The message says what would allow it. */
public class NotPermittedException extends RuntimeException {

    public NotPermittedException(String message) {
        super(message);
    }

    public static NotPermittedException roleMissing(AdminCaller caller, String action, AdminRole... roles) {
        String needed = Arrays.stream(roles).map(role -> role.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
        return new NotPermittedException(caller.name() + " may not " + action + ": it needs one of the roles "
                + needed + " (granted by the token's groups, see gatehouse.control-plane.access.*)");
    }

    public static NotPermittedException teamNotManaged(AdminCaller caller, String action, String team) {
        return new NotPermittedException(caller.name() + " may not " + action + ": team '" + team
                + "' is not one of the teams they own " + caller.ownedTeams() + " and they are not an admin");
    }
}
