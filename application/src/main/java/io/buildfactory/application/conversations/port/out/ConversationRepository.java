package io.buildfactory.application.conversations.port.out;

import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

public interface ConversationRepository {

    void insert(Conversation conversation);

    /** Optimistic: a stale version is a conflict. @return the conversation at its next version */
    Conversation update(Conversation conversation);

    Optional<Conversation> findById(ConversationId id);

    /** The owner's conversations that are not deleted, newest first. */
    Page<Conversation> listOwnedBy(UserId owner, PageRequest page);

    /** Removes the conversation and, by cascade, its exchanges. @return whether it existed */
    boolean purge(ConversationId id);
}
