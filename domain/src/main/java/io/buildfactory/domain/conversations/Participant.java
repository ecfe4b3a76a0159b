package io.buildfactory.domain.conversations;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;

/** A user who takes part in a conversation, in a role. */
public record Participant(UserId userId, ParticipantRole role, Instant addedAt) {

    public Participant {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        addedAt = Timestamps.stored(Objects.requireNonNull(addedAt, "addedAt"));
    }
}
