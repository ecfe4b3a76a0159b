package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a code repository; it never changes (the database refuses an update of it too). */
public record RepositoryId(Ulid value) {

    public RepositoryId {
        Objects.requireNonNull(value, "value");
    }

    public static RepositoryId parse(String text) {
        return new RepositoryId(Ulid.parse("repositoryId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
