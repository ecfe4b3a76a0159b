package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** What the factory has built of a card so far (set by people or, later, by runs). */
public enum BuildState {
    NOT_STARTED,
    QUEUED,
    BUILDING,
    BUILT,
    FAILED;

    public String code() {
        return Codes.of(this);
    }

    public static BuildState parse(String code) {
        return Codes.parse(BuildState.class, "buildState", code);
    }
}
