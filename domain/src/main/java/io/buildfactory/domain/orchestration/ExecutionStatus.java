package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Codes;
import java.util.Set;

/** An agent's attempt: running → succeeded | failed, or lost when its agent stops reporting past the deadline. */
public enum ExecutionStatus implements Lifecycle<ExecutionStatus> {
    RUNNING,
    SUCCEEDED,
    FAILED,
    LOST;

    @Override
    public Set<ExecutionStatus> next() {
        return this == RUNNING ? Set.of(SUCCEEDED, FAILED, LOST) : Set.of();
    }

    public String code() {
        return Codes.of(this);
    }

    public static ExecutionStatus parse(String code) {
        return Codes.parse(ExecutionStatus.class, "status", code);
    }
}
