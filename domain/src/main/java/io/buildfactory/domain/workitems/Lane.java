package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** Where a work item is on the board; actions move it forward, and nothing moves a done item back. */
public enum Lane {
    BACKLOG("Backlog"),
    READY("Ready"),
    IN_PROGRESS("In progress"),
    REVIEW("Review"),
    DONE("Done");

    private final String title;

    Lane(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Lane fromCode(String code) {
        return Arrays.stream(values())
                .filter(l -> l.code().equals(code))
                .findFirst()
                .orElseThrow(() ->
                        new InvalidInputException("lane", "must be one of backlog, ready, in-progress, review, done"));
    }

    /** The status a lane implies (blocked items say {@code blocked} instead). */
    public String status() {
        return switch (this) {
            case BACKLOG, READY -> "todo";
            case IN_PROGRESS -> "in-progress";
            case REVIEW -> "in-review";
            case DONE -> "done";
        };
    }
}
