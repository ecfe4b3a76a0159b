package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a quality gate of a run. */
public record CheckId(Ulid value) {

    public CheckId {
        Objects.requireNonNull(value, "value");
    }

    public static CheckId parse(String text) {
        return new CheckId(Ulid.parse("checkId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
