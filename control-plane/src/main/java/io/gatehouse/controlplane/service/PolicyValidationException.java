package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ConfigProblem;

import java.util.List;

/** The submitted entry or document is well-formed but not valid (422); every problem has its path. */
public class PolicyValidationException extends RuntimeException {

    private final List<ConfigProblem> problems;

    public PolicyValidationException(List<ConfigProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + ": "
                + String.join("; ", problems.stream().map(ConfigProblem::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }
}
