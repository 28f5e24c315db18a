package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.UsageCounter;
import io.gatehouse.controlplane.domain.UsageEvidence;
import io.gatehouse.controlplane.domain.UsageEvidenceAssembler;
import io.gatehouse.controlplane.domain.UsageWindow;
import io.gatehouse.controlplane.repository.OperationUsageRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Usage evidence for access reviews: per identity and operation, the calls of a window of whole UTC days, read from
 * the counters kept with each audit batch (never by scanning the audit table), set against the operations the
 * identity's grants allow.
 */
@ApplicationScoped
public class UsageEvidenceService {

    private final OperationUsageRepository counters;
    private final PolicyModelReader policy;

    public UsageEvidenceService(OperationUsageRepository counters, PolicyModelReader policy) {
        this.counters = counters;
        this.policy = policy;
    }

    /** @throws PolicyObjectNotFoundException if there is no such identity */
    public UsageEvidence of(String identity, UsageWindow window) {
        if (!policy.identityExists(identity)) {
            throw new PolicyObjectNotFoundException("identity", identity);
        }
        return of(List.of(identity), window).get(identity);
    }

    /** The evidence of several identities over one window, in the order given, with their current grants. */
    public Map<String, UsageEvidence> of(List<String> identities, UsageWindow window) {
        return of(identities, window, policy.grantsOf(identities));
    }

    /** The same, against the grants given (e.g. as they were when a review campaign started). */
    public Map<String, UsageEvidence> of(List<String> identities, UsageWindow window,
                                         Map<String, List<GrantDefinition>> grants) {
        Map<String, List<UsageCounter>> rows = counters.rows(identities, window.fromDay(), window.toDay());
        Map<String, UsageEvidence> evidence = new LinkedHashMap<>();
        for (String identity : identities) {
            evidence.put(identity, UsageEvidenceAssembler.assemble(identity, window,
                    rows.getOrDefault(identity, List.of()), grants.getOrDefault(identity, List.of())));
        }
        return evidence;
    }
}
