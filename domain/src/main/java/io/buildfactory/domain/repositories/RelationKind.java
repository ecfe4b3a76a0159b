package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.Codes;

/** How one repository relates to another. */
public enum RelationKind {
    FORK_OF,
    MIRROR_OF,
    DEPENDS_ON;

    public String code() {
        return Codes.of(this);
    }

    public static RelationKind parse(String code) {
        return Codes.parse(RelationKind.class, "kind", code);
    }
}
