package io.gatehouse.controlplane.config;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem found in a declarative config file, each with the path it concerns. */
final class ConfigProblems {

    private final List<ConfigProblem> problems = new ArrayList<>();

    void add(String path, String message) {
        problems.add(new ConfigProblem(path, message));
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> asList() {
        return List.copyOf(problems);
    }
}
