package io.buildfactory.domain.memory;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a memory unit. */
public record MemoryUnitId(Ulid value) {

    public MemoryUnitId {
        Objects.requireNonNull(value, "value");
    }

    public static MemoryUnitId parse(String text) {
        return new MemoryUnitId(Ulid.parse("unitId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
