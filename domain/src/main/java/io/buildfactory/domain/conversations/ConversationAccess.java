package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Optional;

/**
 * What a caller may do with one conversation. Participants act by their role; an administrator holding
 * {@code factory.conversation.read-any} reads, and only with a stated reason. Anyone else has no access at all,
 * and is told the conversation does not exist.
 */
public enum ConversationAccess {
    OWNER,
    EDITOR,
    VIEWER,
    READ_ANY;

    public static final int REASON_MAX = 500;

    /** The caller's access, or empty for a stranger. A read-any holder who gives no reason is refused with 400. */
    public static Optional<ConversationAccess> of(
            Optional<ParticipantRole> role, boolean holdsReadAny, Optional<String> reason) {
        if (role.isPresent()) {
            return Optional.of(
                    switch (role.get()) {
                        case OWNER -> OWNER;
                        case EDITOR -> EDITOR;
                        case VIEWER -> VIEWER;
                    });
        }
        if (!holdsReadAny) {
            return Optional.empty();
        }
        String stated = reason.map(String::strip).orElse("");
        if (stated.length() < 5 || stated.length() > REASON_MAX) {
            throw new InvalidInputException(
                    REASON_HEADER,
                    "reading another user's conversation needs a stated reason " + "(5-" + REASON_MAX + " characters)");
        }
        return Optional.of(READ_ANY);
    }

    /** Where the reason is stated: a request header, so it never lands in URLs or access logs. */
    public static final String REASON_HEADER = "X-Access-Reason";

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public boolean canAppend() {
        return this == OWNER || this == EDITOR;
    }

    public boolean canRename() {
        return this == OWNER || this == EDITOR;
    }

    public boolean canShareAndDelete() {
        return this == OWNER;
    }

    public boolean isParticipant() {
        return this != READ_ANY;
    }
}
