package io.gatehouse.cli.commands;

import io.gatehouse.cli.http.Query;
import picocli.CommandLine.Option;

/** The filters audit search and export share; passed to the control plane as they are (it validates them). */
final class AuditFilterOptions {

    @Option(names = "--identity", paramLabel = "NAME", description = "Calls of this identity")
    String identity;

    @Option(names = "--resource", paramLabel = "NAME", description = "Calls to this resource")
    String resource;

    @Option(names = "--kind", paramLabel = "KIND", description = "call, credential.denied, policy.grant.created, approval.approved…")
    String kind;

    @Option(names = "--decision", paramLabel = "DECISION", description = "allowed, denied, pending_approval or error")
    String decision;

    @Option(names = "--from", paramLabel = "TIME", description = "From this instant (ISO-8601, inclusive)")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Up to this instant (ISO-8601, exclusive)")
    String to;

    Query toQuery() {
        return Query.empty().with("identity", identity).with("resource", resource).with("kind", kind)
                .with("decision", decision).with("from", from).with("to", to);
    }
}
