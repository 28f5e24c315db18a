package io.gatehouse.cli.commands;

import io.gatehouse.cli.failure.CliFailure;
import io.gatehouse.cli.failure.ExitCodes;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;

/**
 * Where {@code -o FILE} output goes: into a temporary file next to the target, moved into place only once complete
 * (an interrupted export never leaves a truncated file under the expected name); without {@code -o}, to stdout.
 */
final class FileOutput {

    private FileOutput() {
    }

    /** Writes with {@code writer} to {@code file}, or to {@code stdout} when no file is given. */
    static void write(Path file, PrintWriter stdout, Consumer<Writer> writer) {
        if (file == null) {
            writer.accept(stdout);
            stdout.flush();
            return;
        }
        Path target = file.toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                writer.accept(out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            throw new CliFailure(ExitCodes.FAILED, "cannot write " + file + " (" + e.getMessage() + ")");
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: a leftover .partial file names itself
            }
        }
    }
}
