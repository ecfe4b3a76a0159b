package io.buildfactory.domain.conversations;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A chat session between its participants and agents; its turns are {@link Exchange}s. */
public record Conversation(
        ConversationId id,
        UserId ownerId,
        String title,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> deletedAt,
        long version) {

    public static final int TITLE_MAX = 200;

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerId, "ownerId");
        title = Text.required("title", title, TITLE_MAX);
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        updatedAt = Timestamps.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
        deletedAt = deletedAt.map(Timestamps::stored);
    }

    public static Conversation start(ConversationId id, UserId ownerId, String title, Instant now) {
        return new Conversation(id, ownerId, title, now, now, Optional.empty(), 1);
    }

    public Conversation rename(String newTitle, Instant now) {
        return new Conversation(id, ownerId, newTitle, createdAt, now, deletedAt, version);
    }

    /** Hidden at once; purged later by retention. */
    public Conversation markDeleted(Instant now) {
        return new Conversation(id, ownerId, title, createdAt, now, Optional.of(now), version);
    }

    public boolean isDeleted() {
        return deletedAt.isPresent();
    }
}
