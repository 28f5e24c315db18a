package io.gatehouse.dataplane.snapshot;

import io.gatehouse.dataplane.policy.ClaimConstraint;
import io.gatehouse.dataplane.policy.ClaimValueMatcher;
import io.gatehouse.dataplane.policy.OidcBinding;
import io.gatehouse.proto.config.v1.ClaimMatcher;
import io.gatehouse.proto.config.v1.OidcTrustBinding;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Compiles the trust bindings of a snapshot's identity; a binding that cannot be enforced as sent rejects the snapshot. */
final class TrustBindingMapper {

    private TrustBindingMapper() {
    }

    static OidcBinding binding(String identity, OidcTrustBinding binding) {
        if (binding.getIssuer().isEmpty() || binding.getAudiencesCount() == 0) {
            throw new InvalidSnapshotException("identity '" + identity + "' has a binding without issuer or audience");
        }
        List<ClaimConstraint> constraints = new ArrayList<>();
        for (ClaimMatcher claim : binding.getClaimsList()) {
            constraints.add(constraint(identity, claim));
        }
        // snapshots stored on disk by an older data plane carry exact values of top-level claims here
        @SuppressWarnings("deprecation")
        var legacyClaims = binding.getRequiredClaimsMap();
        legacyClaims.forEach((claim, value) -> constraints.add(new ClaimConstraint(List.of(claim), ClaimValueMatcher.exact(value))));
        if (constraints.isEmpty()) {
            throw new InvalidSnapshotException("identity '" + identity + "' has a binding for " + binding.getIssuer()
                    + " without claim constraints, which would accept every token of the issuer");
        }
        return new OidcBinding(binding.getIssuer(), Set.copyOf(binding.getAudiencesList()), constraints);
    }

    private static ClaimConstraint constraint(String identity, ClaimMatcher claim) {
        if (claim.getPathCount() == 0 || claim.getPathList().stream().anyMatch(String::isEmpty)) {
            throw new InvalidSnapshotException("identity '" + identity + "' has a claim matcher without a claim name");
        }
        String claimName = String.join("/", claim.getPathList());
        try {
            ClaimValueMatcher matcher = switch (claim.getMatchCase()) {
                case EXACT -> ClaimValueMatcher.exact(claim.getExact());
                case ONE_OF -> ClaimValueMatcher.oneOf(Set.copyOf(claim.getOneOf().getValuesList()));
                case GLOB -> ClaimValueMatcher.glob(claim.getGlob());
                case REGEX -> ClaimValueMatcher.regex(Pattern.compile(claim.getRegex()));
                default -> throw new InvalidSnapshotException("identity '" + identity + "': the matcher of claim '"
                        + claimName + "' is of a kind this data plane does not know");
            };
            return new ClaimConstraint(claim.getPathList(), matcher);
        } catch (PatternSyntaxException e) {
            throw new InvalidSnapshotException("identity '" + identity + "': claim '" + claimName + "' has an invalid regex: "
                    + e.getDescription());
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException("identity '" + identity + "': claim '" + claimName + "': " + e.getMessage());
        }
    }
}
