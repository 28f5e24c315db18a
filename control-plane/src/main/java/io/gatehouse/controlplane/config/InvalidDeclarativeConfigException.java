package io.gatehouse.controlplane.config;

import java.util.List;

/**
 * The declarative config file cannot be applied. The message lists every problem with its path,
 * so the operator can fix the file in one go.
 */
public class InvalidDeclarativeConfigException extends RuntimeException {

    private final String source;
    private final List<ConfigProblem> details;

    public InvalidDeclarativeConfigException(String source, List<ConfigProblem> details) {
        super(describe(source, details));
        this.source = source;
        this.details = List.copyOf(details);
    }

    /** A problem of the whole document, e.g. it is not valid YAML. */
    static InvalidDeclarativeConfigException ofDocument(String source, String problem) {
        return new InvalidDeclarativeConfigException(source, List.of(new ConfigProblem("", problem)));
    }

    public String source() {
        return source;
    }

    /** Every problem as {@code path: message}. */
    public List<String> problems() {
        return details.stream().map(ConfigProblem::toString).toList();
    }

    public List<ConfigProblem> details() {
        return details;
    }

    private static String describe(String source, List<ConfigProblem> problems) {
        StringBuilder message = new StringBuilder()
                .append("Declarative config ").append(source).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems")
                .append("); fix the file and restart, the control plane does not start with it:");
        problems.forEach(problem -> message.append(System.lineSeparator()).append("  - ").append(problem));
        return message.toString();
    }
}
