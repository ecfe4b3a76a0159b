package io.buildfactory.application.conversations.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.identity.UserId;
import java.util.Optional;

/** Changing a conversation: editors rename; the owner shares and deletes; retention managers hold it. */
public interface ManageConversationUseCase {

    ConversationView rename(Actor actor, ConversationId id, long version, String title);

    /** Gives {@code user} the role (editor or viewer), or changes theirs. Owner only. */
    ConversationView share(Actor actor, ConversationId id, UserId user, ParticipantRole role);

    /** The owner removes anyone but themselves; any participant may leave. */
    ConversationView unshare(Actor actor, ConversationId id, UserId user);

    /** Owner only: hidden at once, purged after the grace period (at once when it is zero and nothing holds it). */
    void delete(Actor actor, ConversationId id);

    /** Needs {@code factory.retention.manage}; a hold keeps the conversation whatever retention or deletion says. */
    void legalHold(Actor actor, ConversationId id, boolean held, Optional<String> reason);
}
