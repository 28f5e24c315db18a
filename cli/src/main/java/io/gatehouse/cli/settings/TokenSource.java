package io.gatehouse.cli.settings;

import io.gatehouse.cli.failure.CliFailure;
import io.gatehouse.cli.failure.ExitCodes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the token comes from: {@code --token-file} if given, else {@code GATEHOUSE_TOKEN}. There is deliberately no
 * {@code --token} option (it would end up in shell history and process listings). Failures name the file, never
 * its content.
 */
public final class TokenSource {

    private final Path tokenFile;
    private final Environment environment;

    public TokenSource(Path tokenFile, Environment environment) {
        this.tokenFile = tokenFile;
        this.environment = environment;
    }

    public BearerToken resolve() {
        if (tokenFile != null) {
            return new BearerToken(readFile());
        }
        return environment.get(Environment.TOKEN).map(BearerToken::new)
                .orElseThrow(() -> new CliFailure(ExitCodes.PERMISSION, "no token: set " + Environment.TOKEN
                        + " or pass --token-file FILE (a file holding an OIDC access token for audience gatehouse-admin)"));
    }

    private String readFile() {
        String content;
        try {
            content = Files.readString(tokenFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliFailure(ExitCodes.USAGE, "token file " + tokenFile + " does not exist");
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.USAGE, "cannot read token file " + tokenFile + " (" + e.getClass().getSimpleName() + ")");
        }
        if (content.isBlank()) {
            throw new CliFailure(ExitCodes.USAGE, "token file " + tokenFile + " is empty");
        }
        return content;
    }
}
