package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Codes;
import java.util.Set;

/** An orchestration run: queued → running → succeeded | failed | cancelled; a queued run may be cancelled. */
public enum RunStatus implements Lifecycle<RunStatus> {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED;

    @Override
    public Set<RunStatus> next() {
        return switch (this) {
            case QUEUED -> Set.of(RUNNING, CANCELLED);
            case RUNNING -> Set.of(SUCCEEDED, FAILED, CANCELLED);
            case SUCCEEDED, FAILED, CANCELLED -> Set.of();
        };
    }

    public String code() {
        return Codes.of(this);
    }

    public static RunStatus parse(String code) {
        return Codes.parse(RunStatus.class, "status", code);
    }
}
