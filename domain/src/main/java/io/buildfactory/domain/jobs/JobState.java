package io.buildfactory.domain.jobs;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * queued → running (claimed) → succeeded | queued (retry later, or claim expired) | failed (not retryable) |
 * dead (attempts used up); queued → cancelled; failed | dead → queued (retried by an operator).
 */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    DEAD;

    public Set<JobState> next() {
        return switch (this) {
            case QUEUED -> EnumSet.of(RUNNING, CANCELLED);
            case RUNNING -> EnumSet.of(SUCCEEDED, QUEUED, FAILED, DEAD);
            case FAILED, DEAD -> EnumSet.of(QUEUED);
            case SUCCEEDED, CANCELLED -> EnumSet.noneOf(JobState.class);
        };
    }

    public boolean isFinished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == DEAD;
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobState fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "state", "must be one of queued, running, succeeded, failed, cancelled, dead"));
    }
}
