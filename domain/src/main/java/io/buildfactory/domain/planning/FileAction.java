package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** What a card plans to do to a file. */
public enum FileAction {
    CREATE,
    MODIFY,
    DELETE;

    public String code() {
        return Codes.of(this);
    }

    public static FileAction parse(String code) {
        return Codes.parse(FileAction.class, "action", code);
    }
}
