package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Codes;

/** What a commit did to a file. */
public enum ChangeKind {
    ADDED,
    MODIFIED,
    DELETED,
    RENAMED;

    public String code() {
        return Codes.of(this);
    }

    public static ChangeKind parse(String code) {
        return Codes.parse(ChangeKind.class, "change", code);
    }
}
