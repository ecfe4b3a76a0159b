package io.buildfactory.domain.memory;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a logged memory retrieval. */
public record RetrievalId(Ulid value) {

    public RetrievalId {
        Objects.requireNonNull(value, "value");
    }

    public static RetrievalId parse(String text) {
        return new RetrievalId(Ulid.parse("retrievalId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
