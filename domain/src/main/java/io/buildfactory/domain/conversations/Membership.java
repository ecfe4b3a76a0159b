package io.buildfactory.domain.conversations;

import java.util.Objects;

/** A conversation one user takes part in, with their role in it. */
public record Membership(Conversation conversation, ParticipantRole role) {

    public Membership {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(role, "role");
    }
}
