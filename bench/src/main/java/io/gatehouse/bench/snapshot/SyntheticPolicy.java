package io.gatehouse.bench.snapshot;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.domain.PolicyModel;

/**
 * A large policy written as the declarative YAML operators write, so the benchmark exercises the
 * same parsing and validation: identities with one OIDC binding each, resources with distinct
 * prefixes, and grants spread over the resources (every identity has grants on several resources).
 */
final class SyntheticPolicy {

    static final String ISSUER = "https://ci.example";

    private SyntheticPolicy() {
    }

    static String yaml(int identities, int resources, int grantsPerIdentity) {
        StringBuilder yaml = new StringBuilder(identities * 600 + identities * grantsPerIdentity * 120);
        yaml.append("identities:\n");
        for (int i = 0; i < identities; i++) {
            yaml.append("  - name: ").append(identity(i)).append('\n')
                    .append("    kind: service\n")
                    .append("    owner: {team: team-").append(i % 50).append(", contact: team-").append(i % 50).append("@acme.example}\n")
                    .append("    purpose: synthetic identity ").append(i).append('\n')
                    .append("    expires: 2099-01-01T00:00:00Z\n")
                    .append("    trust: {oidc: {issuer: ").append(ISSUER).append(", audiences: [gatehouse], claims: {repository: acme/repo-")
                    .append(i).append("}}}\n");
        }
        yaml.append("resources:\n");
        for (int r = 0; r < resources; r++) {
            yaml.append("  - name: ").append(resource(r)).append('\n')
                    .append("    pathPrefix: ").append(prefix(r)).append('\n')
                    .append("    upstream: http://upstream-").append(r).append(".internal\n")
                    .append("    credential: {injection: bearer}\n");
        }
        yaml.append("grants:\n");
        for (int i = 0; i < identities; i++) {
            for (int k = 0; k < grantsPerIdentity; k++) {
                yaml.append("  - identity: ").append(identity(i)).append('\n')
                        .append("    resource: ").append(resource(resourceOf(i, k, resources))).append('\n')
                        .append("    methods: ").append(k % 2 == 0 ? "[GET]" : "[GET, POST]").append('\n')
                        .append("    paths: [\"/items/*\", \"/orders/**\"]\n");
            }
        }
        return yaml.toString();
    }

    static PolicyModel model(int identities, int resources, int grantsPerIdentity) {
        return new DeclarativeConfigLoader().parse(yaml(identities, resources, grantsPerIdentity), "synthetic.yaml");
    }

    static String identity(int i) {
        return String.format("bot-%05d", i);
    }

    static String resource(int r) {
        return String.format("api-%03d", r);
    }

    static String prefix(int r) {
        return "/" + resource(r) + "/v1";
    }

    /** The resource of identity i's k-th grant: distinct for k below the number of resources. */
    static int resourceOf(int i, int k, int resources) {
        return (i * 7 + k * 13) % resources;
    }
}
