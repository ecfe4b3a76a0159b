package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.Codes;

/** Who may see a repository on its code host. */
public enum Visibility {
    PRIVATE,
    INTERNAL,
    PUBLIC;

    public String code() {
        return Codes.of(this);
    }

    public static Visibility parse(String code) {
        return Codes.parse(Visibility.class, "visibility", code);
    }
}
