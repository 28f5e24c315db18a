package io.gatehouse.controlplane.config;

import java.util.List;

/**
 * The declarative config file cannot be applied. The message lists every problem with its path,
 * so the operator can fix the file in one go.
 */
public class InvalidDeclarativeConfigException extends RuntimeException {

    private final String source;
    private final List<String> problems;

    public InvalidDeclarativeConfigException(String source, List<String> problems) {
        super(describe(source, problems));
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    public String source() {
        return source;
    }

    public List<String> problems() {
        return problems;
    }

    private static String describe(String source, List<String> problems) {
        StringBuilder message = new StringBuilder()
                .append("Declarative config ").append(source).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append("); fix the file and restart, the control plane does not start with it:");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
