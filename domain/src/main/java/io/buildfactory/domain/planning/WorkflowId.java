package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a workflow. */
public record WorkflowId(Ulid value) {

    public WorkflowId {
        Objects.requireNonNull(value, "value");
    }

    public static WorkflowId parse(String text) {
        return new WorkflowId(Ulid.parse("workflowId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
