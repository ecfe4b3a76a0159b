package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a knowledge item of a card (requirement, known fact, assumption or question). */
public record KnowledgeItemId(Ulid value) {

    public KnowledgeItemId {
        Objects.requireNonNull(value, "value");
    }

    public static KnowledgeItemId parse(String text) {
        return new KnowledgeItemId(Ulid.parse("knowledgeItemId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
