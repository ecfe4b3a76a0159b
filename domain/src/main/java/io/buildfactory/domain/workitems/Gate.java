package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;

/** The policy gates an action can be held by: a work item's actions, and a pull-request candidate's moves. */
public enum Gate {
    LANE_TRANSITION("lane-transition"),
    LANE_ELIGIBILITY("lane-eligibility"),
    PULL_REQUEST("pull-request"),
    CONTEXT_VISIBILITY("context-visibility"),
    DEPENDENCIES("dependencies"),
    DONE_CRITERIA("done-criteria"),
    /** Orchestration: every check the profile requires has passed on the run. */
    REQUIRED_CHECKS("required-checks"),
    /** Orchestration: no commit of the assignment touched a path it may not. */
    COMMIT_PATHS("commit-paths");

    private final String code;

    Gate(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static Gate fromCode(String code) {
        return Arrays.stream(values())
                .filter(g -> g.code.equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("gate", "unknown gate: " + code));
    }
}
