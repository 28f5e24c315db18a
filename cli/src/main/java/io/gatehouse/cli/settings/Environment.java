package io.gatehouse.cli.settings;

import java.util.Map;
import java.util.Optional;

/** The environment variables the CLI reads; a map in tests, the process environment in production. */
public final class Environment {

    public static final String CONTROL_PLANE_URL = "GATEHOUSE_CONTROL_PLANE_URL";
    public static final String APPROVALS_URL = "GATEHOUSE_APPROVALS_URL";
    public static final String TOKEN = "GATEHOUSE_TOKEN";

    private final Map<String, String> variables;

    private Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(variables);
    }

    public static Environment of(Map<String, String> variables) {
        return new Environment(variables);
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    /** The variable's value, if it is set and not blank. */
    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).map(String::strip).filter(value -> !value.isEmpty());
    }

    @Override
    public String toString() {
        return "Environment[" + variables.size() + " variables]";
    }
}
