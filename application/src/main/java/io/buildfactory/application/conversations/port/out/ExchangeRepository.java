package io.buildfactory.application.conversations.port.out;

import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

/** The exchanges (turns) of conversations: one row each, so appending and paging stay cheap. */
public interface ExchangeRepository {

    /** A sequence already taken in the conversation is a duplicate conflict on {@code sequence}. */
    void insert(Exchange exchange);

    /** Optimistic: a stale version is a conflict. @return the exchange at its next version */
    Exchange update(Exchange exchange);

    Optional<Exchange> findById(ExchangeId id);

    /** The conversation's exchanges in order; the cursor is a sequence number. */
    Page<Exchange> page(ConversationId conversation, PageRequest page);

    long count(ConversationId conversation);
}
