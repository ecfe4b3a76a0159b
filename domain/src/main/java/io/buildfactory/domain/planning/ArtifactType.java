package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** What a context artifact is. */
public enum ArtifactType {
    DOCUMENT,
    SPECIFICATION,
    DESIGN,
    DECISION,
    LINK,
    SNIPPET,
    INTEGRATION;

    public String code() {
        return Codes.of(this);
    }

    public static ArtifactType parse(String code) {
        return Codes.parse(ArtifactType.class, "type", code);
    }
}
