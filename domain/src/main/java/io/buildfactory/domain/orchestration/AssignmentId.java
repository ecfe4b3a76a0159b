package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a card's assignment in a run. */
public record AssignmentId(Ulid value) {

    public AssignmentId {
        Objects.requireNonNull(value, "value");
    }

    public static AssignmentId parse(String text) {
        return new AssignmentId(Ulid.parse("assignmentId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
