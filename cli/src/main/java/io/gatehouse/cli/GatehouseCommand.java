package io.gatehouse.cli;

import io.gatehouse.cli.commands.ApprovalsCommand;
import io.gatehouse.cli.commands.AuditCommand;
import io.gatehouse.cli.commands.ConfigCommand;
import io.gatehouse.cli.commands.GrantsCommand;
import io.gatehouse.cli.commands.IdentitiesCommand;
import io.gatehouse.cli.commands.LifecycleCommand;
import io.gatehouse.cli.commands.ResourcesCommand;
import io.gatehouse.cli.commands.SigningKeysCommand;
import io.gatehouse.cli.commands.TeamsCommand;
import io.gatehouse.cli.commands.BreakGlassCommand;
import io.gatehouse.cli.commands.ReviewsCommand;
import io.gatehouse.cli.failure.SecretRedactor;
import io.gatehouse.cli.output.OutputFormat;
import io.gatehouse.cli.output.ResultPrinter;
import io.gatehouse.cli.settings.ConnectionSettings;
import io.gatehouse.cli.settings.Environment;
import io.gatehouse.cli.settings.TokenSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/** {@code gatehouse}: the global options (valid before or after any subcommand) and the command groups. */
@Command(name = "gatehouse",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        scope = ScopeType.INHERIT,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = "Manages Gatehouse through the REST APIs of the control plane and the approval service.",
        subcommands = {IdentitiesCommand.class, GrantsCommand.class, ResourcesCommand.class, TeamsCommand.class, ConfigCommand.class,
                ApprovalsCommand.class, BreakGlassCommand.class, ReviewsCommand.class, AuditCommand.class, LifecycleCommand.class,
                SigningKeysCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  ok",
                "  1  verification failed (audit verify) or the operation was refused",
                "  2  usage error, or the server rejected the request as invalid (400, 422)",
                "  3  changes pending (config diff --exit-code, config apply without --yes)",
                "  4  not found (404)",
                "  5  conflict or precondition failed (409, 412, 428)",
                "  6  not authenticated or not allowed (401, 403), or no token",
                "  7  server unreachable or failing (5xx)",
                "",
                "The token is read from --token-file or GATEHOUSE_TOKEN (never from the command line)."})
public final class GatehouseCommand implements Runnable {

    @Option(names = "--control-plane", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Control plane base URL (env GATEHOUSE_CONTROL_PLANE_URL, default " + ConnectionSettings.DEFAULT_CONTROL_PLANE + ")")
    String controlPlaneUrl;

    @Option(names = "--approvals", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Approval service base URL (env GATEHOUSE_APPROVALS_URL, default " + ConnectionSettings.DEFAULT_APPROVALS + ")")
    String approvalsUrl;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File holding the OIDC access token (default: env GATEHOUSE_TOKEN)")
    Path tokenFile;

    @Option(names = "--output", paramLabel = "FORMAT", scope = ScopeType.INHERIT, defaultValue = "table",
            description = "table, json or yaml (default: ${DEFAULT-VALUE})")
    OutputFormat output;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces of failures")
    boolean debug;

    @Spec
    CommandSpec spec;

    private final Environment environment;
    private final SecretRedactor redactor;
    private CliContext context;

    GatehouseCommand(Environment environment, SecretRedactor redactor) {
        this.environment = environment;
        this.redactor = redactor;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required, e.g. gatehouse identities list");
    }

    /** Built on first use, after the command line was parsed. */
    public CliContext context() {
        if (context == null) {
            CommandLine commandLine = spec.commandLine();
            ConnectionSettings settings = ConnectionSettings.resolve(controlPlaneUrl, approvalsUrl, environment);
            ResultPrinter printer = new ResultPrinter(output, commandLine.getOut(), commandLine.getErr());
            context = new CliContext(settings, new TokenSource(tokenFile, environment), printer, commandLine.getOut(), redactor);
        }
        return context;
    }

    boolean debug() {
        return debug;
    }
}
