package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a mirror of a repository. */
public record MirrorId(Ulid value) {

    public MirrorId {
        Objects.requireNonNull(value, "value");
    }

    public static MirrorId parse(String text) {
        return new MirrorId(Ulid.parse("mirrorId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
