package io.gatehouse.approval;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Fails approvals without an approver group closed: they get {@link ApproverRulesTest#GROUP}. */
public class DefaultApproverGroupResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("gatehouse.approval.default-approver-group", ApproverRulesTest.GROUP);
    }

    @Override
    public void stop() {
    }
}
