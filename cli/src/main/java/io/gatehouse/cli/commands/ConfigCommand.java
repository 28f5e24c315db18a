package io.gatehouse.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.cli.failure.ExitCodes;
import io.gatehouse.cli.http.Query;
import io.gatehouse.cli.http.RequestBody;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** {@code gatehouse config …}: the whole policy as the declarative YAML document (GitOps). */
@Command(name = "config", description = "The policy as a declarative YAML document: export, diff, apply.")
public final class ConfigCommand extends CommandGroup {

    static final String EXPORT_PATH = "/api/v1/config/export";
    static final String APPLY_PATH = "/api/v1/config/apply";

    @Command(name = "export", description = "Write the stored policy as declarative YAML (to stdout or a file).")
    void export(@Option(names = {"-o", "--output-file"}, paramLabel = "FILE", description = "Write to this file instead of stdout") Path file) {
        String yaml = context().controlPlane().get(EXPORT_PATH, Query.empty(), RequestBody.YAML).body();
        FileOutput.write(file, context().out(), out -> {
            try {
                out.write(yaml);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Command(name = "diff", description = "Show what applying the file would change (+ added, ~ changed, - removed); changes nothing.")
    int diff(@Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "Declarative YAML, - for stdin") Path file,
             @Option(names = "--prune", description = "Also delete what the file does not name") boolean prune,
             @Option(names = "--exit-code", description = "Exit with 3 when there are changes") boolean exitCode) {
        JsonNode diff = apply(EntryFile.read(file), prune, true);
        PolicyDiffPrinter.print(diff, printer());
        return exitCode && PolicyDiffPrinter.changeCount(diff) > 0 ? ExitCodes.PENDING_CHANGES : ExitCodes.OK;
    }

    @Command(name = "apply", description = {"Apply the file. Without --yes only shows the changes and exits with 3 if there are any."})
    int apply(@Option(names = {"-f", "--file"}, paramLabel = "FILE", required = true, description = "Declarative YAML, - for stdin") Path file,
              @Option(names = "--prune", description = "Also delete what the file does not name") boolean prune,
              @Option(names = "--yes", description = "Apply the changes (otherwise they are only shown)") boolean yes) {
        EntryFile document = EntryFile.read(file);
        JsonNode diff = apply(document, prune, !yes);
        PolicyDiffPrinter.print(diff, printer());
        int changes = PolicyDiffPrinter.changeCount(diff);
        if (changes == 0) {
            return ExitCodes.OK;
        }
        if (!yes) {
            printer().note(changes + " change(s) pending, nothing applied; run again with --yes to apply them");
            return ExitCodes.PENDING_CHANGES;
        }
        printer().note(changes + " change(s) applied");
        return ExitCodes.OK;
    }

    private JsonNode apply(EntryFile document, boolean prune, boolean dryRun) {
        Query query = Query.empty().with("dryRun", dryRun).with("prune", prune);
        return context().controlPlane().post(APPLY_PATH, query, document.body()).json();
    }
}
