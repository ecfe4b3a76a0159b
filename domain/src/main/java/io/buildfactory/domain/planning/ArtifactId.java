package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a project's context artifact. */
public record ArtifactId(Ulid value) {

    public ArtifactId {
        Objects.requireNonNull(value, "value");
    }

    public static ArtifactId parse(String text) {
        return new ArtifactId(Ulid.parse("artifactId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
