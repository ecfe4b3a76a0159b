package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a work item (its human key, like wi-BF-213, is {@link WorkItemKey}). */
public record WorkItemId(Ulid value) {

    public WorkItemId {
        Objects.requireNonNull(value, "value");
    }

    public static WorkItemId parse(String text) {
        return new WorkItemId(Ulid.parse("workItemId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
