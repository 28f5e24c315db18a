package io.gatehouse.approval;

import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.security.ApproverAuthenticator;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Stands in for OIDC token validation on the gRPC port in tests (OIDC is off in the test profile):
 * a token {@code test:<name>:<group>,<group>} authenticates that approver; anything else fails.
 */
@Mock
public class TestApproverAuthenticator implements ApproverAuthenticator {

    public static String token(String name, String... groups) {
        return "test:" + name + ":" + String.join(",", groups);
    }

    @Override
    public Uni<Approver> authenticate(String bearerToken) {
        String[] parts = bearerToken.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("test")) {
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid token"));
        }
        Set<String> groups = Arrays.stream(parts[2].split(",")).filter(g -> !g.isBlank()).collect(Collectors.toSet());
        return Uni.createFrom().item(new Approver(parts[1], groups));
    }
}
