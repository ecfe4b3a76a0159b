package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies an orchestration run. */
public record RunId(Ulid value) {

    public RunId {
        Objects.requireNonNull(value, "value");
    }

    public static RunId parse(String text) {
        return new RunId(Ulid.parse("runId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
