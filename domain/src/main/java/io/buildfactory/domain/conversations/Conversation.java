package io.buildfactory.domain.conversations;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.workitems.WorkItemId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat session between its participants and agents; {@code updatedAt} is its last activity (created, renamed, an
 * exchange appended), from which retention counts. its turns are {@link Exchange}s. Deleting hides it at once
 * and sets when it is purged; a legal hold keeps it, deleted or not, until the hold is lifted.
 */
public record Conversation(
        ConversationId id,
        UserId ownerId,
        String title,
        Optional<ProjectKey> projectKey,
        Optional<WorkItemId> workItemId,
        boolean legalHold,
        long exchangeCount,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> deletedAt,
        Optional<Instant> purgeAt,
        long version) {

    public static final int TITLE_MAX = 200;

    public Conversation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ownerId, "ownerId");
        title = Text.required("title", title, TITLE_MAX);
        Objects.requireNonNull(projectKey, "projectKey");
        Objects.requireNonNull(workItemId, "workItemId");
        if (exchangeCount < 0) {
            throw new IllegalArgumentException("exchangeCount must not be negative");
        }
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        updatedAt = Timestamps.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
        deletedAt = deletedAt.map(Timestamps::stored);
        purgeAt = purgeAt.map(Timestamps::stored);
    }

    public static Conversation start(
            ConversationId id,
            UserId ownerId,
            String title,
            Optional<ProjectKey> project,
            Optional<WorkItemId> workItem,
            Instant now) {
        return new Conversation(
                id, ownerId, title, project, workItem, false, 0, now, now, Optional.empty(), Optional.empty(), 1);
    }

    public Conversation rename(String newTitle, Instant now) {
        return new Conversation(
                id,
                ownerId,
                newTitle,
                projectKey,
                workItemId,
                legalHold,
                exchangeCount,
                createdAt,
                now,
                deletedAt,
                purgeAt,
                version);
    }

    /** Hidden at once; purged once {@code grace} has passed (and no legal hold remains). */
    public Conversation markDeleted(Instant now, Duration grace) {
        return new Conversation(
                id,
                ownerId,
                title,
                projectKey,
                workItemId,
                legalHold,
                exchangeCount,
                createdAt,
                updatedAt,
                Optional.of(now),
                Optional.of(now.plus(grace)),
                version);
    }

    /** Placing or lifting a hold is not activity: retention keeps counting from the last exchange or rename. */
    public Conversation withLegalHold(boolean hold) {
        return new Conversation(
                id,
                ownerId,
                title,
                projectKey,
                workItemId,
                hold,
                exchangeCount,
                createdAt,
                updatedAt,
                deletedAt,
                purgeAt,
                version);
    }

    public boolean isDeleted() {
        return deletedAt.isPresent();
    }

    /** Whether an owner's deletion has run its grace period and nothing holds the conversation back. */
    public boolean isPurgeDue(Instant now) {
        return !legalHold && purgeAt.map(at -> !now.isBefore(at)).orElse(false);
    }
}
