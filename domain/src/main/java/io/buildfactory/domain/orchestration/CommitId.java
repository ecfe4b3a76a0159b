package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a commit an execution reported. */
public record CommitId(Ulid value) {

    public CommitId {
        Objects.requireNonNull(value, "value");
    }

    public static CommitId parse(String text) {
        return new CommitId(Ulid.parse("commitId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
