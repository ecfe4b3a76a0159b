package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a file a card plans to create, modify or delete. */
public record PlannedFileId(Ulid value) {

    public PlannedFileId {
        Objects.requireNonNull(value, "value");
    }

    public static PlannedFileId parse(String text) {
        return new PlannedFileId(Ulid.parse("plannedFileId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
