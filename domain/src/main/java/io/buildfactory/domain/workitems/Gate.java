package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;

/** The policy gates an action can be held by. */
public enum Gate {
    LANE_TRANSITION("lane-transition"),
    LANE_ELIGIBILITY("lane-eligibility"),
    PULL_REQUEST("pull-request"),
    CONTEXT_VISIBILITY("context-visibility"),
    DEPENDENCIES("dependencies"),
    DONE_CRITERIA("done-criteria");

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
