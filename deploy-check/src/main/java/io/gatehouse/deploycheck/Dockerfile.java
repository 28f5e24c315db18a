package io.gatehouse.deploycheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The instructions of a Dockerfile the checks care about: FROM, USER, EXPOSE and ENTRYPOINT. */
public record Dockerfile(Path path, List<String> from, String user, Set<Integer> exposed, String entrypoint) {

    public static Dockerfile read(Path path) {
        try {
            return parse(path, Files.readString(path));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    public static Dockerfile parse(Path path, String text) {
        List<String> from = new ArrayList<>();
        String user = null;
        Set<Integer> exposed = new LinkedHashSet<>();
        String entrypoint = null;
        for (String instruction : instructions(text)) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String args = parts.length > 1 ? parts[1].strip() : "";
            switch (keyword) {
                case "FROM" -> from.add(args.split("\\s+")[0]);
                case "USER" -> user = args;
                case "EXPOSE" -> {
                    for (String port : args.split("\\s+")) {
                        exposed.add(Integer.parseInt(port.replace("/tcp", "")));
                    }
                }
                case "ENTRYPOINT" -> entrypoint = args;
                default -> { }
            }
        }
        return new Dockerfile(path, from, user, exposed, entrypoint);
    }

    /** Instructions with comments dropped and backslash continuations joined. */
    private static List<String> instructions(String text) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (current.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
            } else {
                current.append(stripped);
                result.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            result.add(current.toString().strip());
        }
        return result;
    }

    /** The numeric user the image runs as, or -1 when USER is missing or a name. */
    public long numericUser() {
        if (user == null) {
            return -1;
        }
        String uid = user.contains(":") ? user.substring(0, user.indexOf(':')) : user;
        return uid.matches("\\d+") ? Long.parseLong(uid) : -1;
    }

    /** ENTRYPOINT in exec form (a JSON array): no shell between the container runtime and the JVM. */
    public boolean execFormEntrypoint() {
        return entrypoint != null && entrypoint.startsWith("[") && entrypoint.endsWith("]");
    }
}
