package io.buildfactory.domain.memory;

import io.buildfactory.domain.shared.Codes;

/** What a memory unit holds, so agents can ask for lessons without wading through summaries. */
public enum MemoryKind {
    FACT,
    DECISION,
    LESSON,
    SUMMARY,
    SNIPPET;

    public String code() {
        return Codes.of(this);
    }

    public static MemoryKind parse(String code) {
        return Codes.parse(MemoryKind.class, "kind", code);
    }
}
