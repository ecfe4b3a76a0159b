package io.buildfactory.application.conversations.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.Membership;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

/**
 * Reading conversations. Participants read; a holder of {@code factory.conversation.read-any} reads others' with a
 * stated {@code reason}, and each such read is audited. Anyone else is told the conversation does not exist.
 * Sealed values are masked.
 */
public interface ViewConversationsUseCase {

    ConversationView get(Actor actor, ConversationId id, Optional<String> reason);

    /** The conversations the caller takes part in, newest first. */
    Page<Membership> list(Actor actor, PageRequest page);

    Page<Exchange> exchanges(Actor actor, ConversationId id, Optional<String> reason, PageRequest page);

    Page<ConversationEvent> history(Actor actor, ConversationId id, Optional<String> reason, PageRequest page);
}
