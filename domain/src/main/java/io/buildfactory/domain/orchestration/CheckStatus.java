package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Codes;
import java.util.Set;

/** A quality gate of a run: pending → running → passed | failed | skipped (a pending check may settle at once). */
public enum CheckStatus implements Lifecycle<CheckStatus> {
    PENDING,
    RUNNING,
    PASSED,
    FAILED,
    SKIPPED;

    @Override
    public Set<CheckStatus> next() {
        return switch (this) {
            case PENDING -> Set.of(RUNNING, PASSED, FAILED, SKIPPED);
            case RUNNING -> Set.of(PASSED, FAILED, SKIPPED);
            case PASSED, FAILED, SKIPPED -> Set.of();
        };
    }

    public String code() {
        return Codes.of(this);
    }

    public static CheckStatus parse(String code) {
        return Codes.parse(CheckStatus.class, "status", code);
    }
}
