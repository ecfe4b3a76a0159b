package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** The four kinds of knowledge a card holds; facts and assumptions carry a confidence, questions an answer. */
public enum KnowledgeKind {
    REQUIREMENT,
    KNOWN_FACT,
    ASSUMPTION,
    QUESTION;

    public String code() {
        return Codes.of(this);
    }

    public boolean hasConfidence() {
        return this == KNOWN_FACT || this == ASSUMPTION;
    }

    public static KnowledgeKind parse(String code) {
        return Codes.parse(KnowledgeKind.class, "kind", code);
    }
}
