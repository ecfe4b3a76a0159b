package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** What kind of file a card plans. */
public enum ArtifactKind {
    SOURCE,
    TEST,
    CONFIG,
    SCHEMA,
    DOC,
    ASSET;

    public String code() {
        return Codes.of(this);
    }

    public static ArtifactKind parse(String code) {
        return Codes.parse(ArtifactKind.class, "artifactKind", code);
    }
}
