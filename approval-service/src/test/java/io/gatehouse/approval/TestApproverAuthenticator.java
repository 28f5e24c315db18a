package io.gatehouse.approval;

import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.security.ApproverAuthenticator;
import io.gatehouse.approval.security.OidcApproverAuthenticator;
import io.quarkus.test.Mock;
import io.smallrye.mutiny.Uni;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Lets gRPC tests name their approver: a token {@code test:<name>:<group>,<group>} authenticates
 * that approver (OIDC is off in the default test profile); any other token goes to the real
 * {@link OidcApproverAuthenticator} (which fails while OIDC is off, and validates real tokens in
 * {@link RealOidcTest}).
 */
@Mock
public class TestApproverAuthenticator implements ApproverAuthenticator {

    private final OidcApproverAuthenticator oidc;

    public TestApproverAuthenticator(OidcApproverAuthenticator oidc) {
        this.oidc = oidc;
    }

    public static String token(String name, String... groups) {
        return "test:" + name + ":" + String.join(",", groups);
    }

    @Override
    public Uni<Approver> authenticate(String bearerToken) {
        String[] parts = bearerToken.split(":", 3);
        if (parts.length != 3 || !parts[0].equals("test")) {
            return oidc.authenticate(bearerToken);
        }
        Set<String> groups = Arrays.stream(parts[2].split(",")).filter(g -> !g.isBlank()).collect(Collectors.toSet());
        return Uni.createFrom().item(new Approver(parts[1], groups));
    }
}
