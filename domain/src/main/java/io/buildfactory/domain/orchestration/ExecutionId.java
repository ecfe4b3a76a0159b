package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies an agent's attempt at an assignment. */
public record ExecutionId(Ulid value) {

    public ExecutionId {
        Objects.requireNonNull(value, "value");
    }

    public static ExecutionId parse(String text) {
        return new ExecutionId(Ulid.parse("executionId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
