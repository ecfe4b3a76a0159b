package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies an activity in a workflow. */
public record ActivityId(Ulid value) {

    public ActivityId {
        Objects.requireNonNull(value, "value");
    }

    public static ActivityId parse(String text) {
        return new ActivityId(Ulid.parse("activityId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
