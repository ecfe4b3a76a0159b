package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/** What a participant may do: the owner shares and deletes, editors append, viewers read. */
public enum ParticipantRole {
    OWNER,
    EDITOR,
    VIEWER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ParticipantRole fromCode(String code) {
        return Arrays.stream(values())
                .filter(r -> r.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException("role", "must be one of owner, editor, viewer"));
    }

    /** The role another user can be given by sharing: there is exactly one owner. */
    public static ParticipantRole shareable(String code) {
        ParticipantRole role = fromCode(code);
        if (role == OWNER) {
            throw new InvalidInputException("role", "must be editor or viewer: a conversation has one owner");
        }
        return role;
    }
}
