package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.TeamDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TeamConfigTest {

    private static final String IDENTITY_AND_RESOURCE = """
            identities:
              - name: deploy-bot
                kind: ci-job
                owner: {team: payments, contact: payments@acme.example}
                purpose: deploys
                expires: 2027-06-30T00:00:00Z
            resources:
              - name: billing
                pathPrefix: /billing
                upstream: https://billing.internal
                credential: {injection: bearer}
            """;

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void aGrantThatNamesNoApproverGroupIsDecidedByItsTeamsGroup() {
        PolicyModel model = loader.parse("""
                teams:
                  - name: payments
                    contact: payments-oncall@acme.example
                    ownerGroups: [payments-leads, payments-admins]
                    approverGroup: payments-approvers
                %s
                grants:
                  - identity: deploy-bot
                    resource: billing
                    methods: [POST]
                    paths: [/refunds]
                    approval: {required: true, quorum: 2}
                  - identity: deploy-bot
                    resource: billing
                    methods: [DELETE]
                    paths: [/refunds/*]
                    approval: {required: true, approverGroup: finance-leads}
                """.formatted(IDENTITY_AND_RESOURCE), "teams.yaml");

        assertEquals(List.of(new TeamDefinition("payments", "payments-oncall@acme.example",
                List.of("payments-admins", "payments-leads"), "payments-approvers")), model.teams());
        GrantDefinition refunds = grant(model, "POST");
        assertNull(refunds.approval().approverGroup(), "the grant itself keeps following the team");
        assertEquals(Optional.of("payments-approvers"), model.approverGroupOf(refunds));
        assertEquals(Optional.of("finance-leads"), model.approverGroupOf(grant(model, "DELETE")), "its own group wins");
    }

    @Test
    void writtenTeamsParseBackToTheSameModel() {
        PolicyModel model = loader.parse("""
                teams:
                  - name: payments
                    approverGroup: payments-approvers
                  - name: platform
                    ownerGroups: [platform-sre]
                %s
                """.formatted(IDENTITY_AND_RESOURCE), "teams.yaml");

        assertEquals(model, loader.parse(DeclarativeConfigWriter.toYaml(model), "exported.yaml"));
    }

    @Test
    void onceTeamsAreDeclaredEveryIdentityBelongsToOne() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse("""
                teams:
                  - name: platform
                %s
                """.formatted(IDENTITY_AND_RESOURCE), "teams.yaml")).problems();

        assertEquals(List.of("identities[0].owner.team: unknown team 'payments'; declared teams: platform"
                + " (add it under 'teams')"), problems);
    }

    @Test
    void withoutTeamsAGrantNeedingApprovalMustNameItsGroup() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse("""
                %s
                grants:
                  - identity: deploy-bot
                    resource: billing
                    methods: [POST]
                    paths: [/refunds]
                    approval: {required: true}
                """.formatted(IDENTITY_AND_RESOURCE), "teams.yaml")).problems();

        assertEquals(List.of("grants[0].approval: names no approverGroup, and team 'payments' of identity 'deploy-bot'"
                + " is not declared under 'teams'; set approval.approverGroup, or the team's approverGroup"), problems);
    }

    @Test
    void teamEntriesAreCheckedLikeEveryOther() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse("""
                teams:
                  - name: payments
                    ownerGroups: payments-leads
                    approvers: x
                  - name: payments
                """, "teams.yaml")).problems();

        assertEquals(List.of(
                "teams[0].approvers: unknown key (allowed: name, contact, ownerGroups, approverGroup)",
                "teams[0].ownerGroups: must be a list",
                "teams[1].name: duplicate team name 'payments'"), problems);
    }

    private static GrantDefinition grant(PolicyModel model, String method) {
        return model.grants().stream().filter(grant -> grant.methods().contains(method)).findFirst().orElseThrow();
    }
}
