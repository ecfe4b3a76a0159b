package io.buildfactory.domain.projects;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a project (people use its {@link ProjectKey}, like BF). */
public record ProjectId(Ulid value) {

    public ProjectId {
        Objects.requireNonNull(value, "value");
    }

    public static ProjectId parse(String text) {
        return new ProjectId(Ulid.parse("projectId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
