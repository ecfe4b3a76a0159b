package io.buildfactory.application.conversations.port.out;

import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Membership;
import io.buildfactory.domain.conversations.Participant;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Conversations, their participants and their history. */
public interface ConversationRepository {

    /** Stores a new conversation with its owner as first participant. */
    void insert(Conversation conversation);

    /** Optimistic: a stale version is a conflict. @return the conversation at its next version */
    Conversation update(Conversation conversation);

    Optional<Conversation> findById(ConversationId id);

    /**
     * Reads the conversation and keeps others from changing it (appends, holds) until the transaction ends. Call
     * inside a transaction, before deciding to purge.
     */
    Optional<Conversation> findForUpdate(ConversationId id);

    /** The conversations the user takes part in that are not deleted, newest first. */
    Page<Membership> listFor(UserId user, PageRequest page);

    /** Every conversation the user owns, deleted or not, oldest first. */
    List<Conversation> ownedBy(UserId owner);

    List<Participant> participants(ConversationId id);

    /** A conversation with the user's role in it, empty when the user takes no part. */
    record Standing(Conversation conversation, Optional<ParticipantRole> role) {}

    /** The conversation and the user's role in it, read together: every guarded request starts here. */
    Optional<Standing> findWithRole(ConversationId id, UserId user);

    /** Adds the participant or changes their role. A user that does not exist is a 400 on {@code userId}. */
    void saveParticipant(ConversationId id, Participant participant);

    /** @return whether the user took part */
    boolean removeParticipant(ConversationId id, UserId user);

    /**
     * Takes the next exchange sequence number and marks the conversation active at {@code now}. It locks the
     * conversation's row until the transaction ends, so concurrent appends queue up instead of colliding.
     */
    long claimSequence(ConversationId id, Instant now);

    void recordEvent(ConversationEvent event);

    /** Replaces the user's id in history details (who was shared with, who left) by {@code "erased"}. @return lines changed */
    int forgetInHistory(UserId user);

    /** The conversation's history, oldest first. */
    Page<ConversationEvent> history(ConversationId id, PageRequest page);

    /** What retention looks at: cheap columns only. */
    record RetentionCandidate(
            ConversationId id, Optional<ProjectKey> projectKey, Instant lastActivity, Optional<Instant> purgeAt) {}

    /**
     * Conversations without a legal hold that were last active at or before {@code inactiveSince}, or whose
     * deletion grace ended at or before {@code now}; in id order after {@code after}, at most {@code limit}.
     */
    List<RetentionCandidate> retentionCandidates(
            Optional<ConversationId> after, Instant inactiveSince, Instant now, int limit);

    /** What a purge removed. */
    record Purged(long exchanges, long participants, long historyEntries) {}

    /**
     * Removes the conversation, its exchanges, participants, history and its own retention policy, for good.
     * @return what was removed, or empty when it did not exist
     */
    Optional<Purged> purge(ConversationId id);
}
