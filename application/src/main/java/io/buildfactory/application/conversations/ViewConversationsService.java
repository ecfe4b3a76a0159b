package io.buildfactory.application.conversations;

import io.buildfactory.application.conversations.port.in.ConversationView;
import io.buildfactory.application.conversations.port.in.ViewConversationsUseCase;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.Membership;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

/**
 * Reads conversations, their exchanges (masked) and their history, through the access guard.
 */
public final class ViewConversationsService implements ViewConversationsUseCase {

    private final ConversationGuard guard;
    private final ConversationRepository conversations;
    private final ExchangeRepository exchanges;
    private final ConversationViews views;

    public ViewConversationsService(
            ConversationGuard guard,
            ConversationRepository conversations,
            ExchangeRepository exchanges,
            ConversationViews views) {
        this.guard = guard;
        this.conversations = conversations;
        this.exchanges = exchanges;
        this.views = views;
    }

    @Override
    public ConversationView get(Actor actor, ConversationId id, Optional<String> reason) {
        ConversationGuard.Granted a = guard.reading(actor, id, reason, "get");
        return views.of(a.conversation(), a.access());
    }

    @Override
    public Page<Membership> list(Actor actor, PageRequest page) {
        return conversations.listFor(actor.userId(), page);
    }

    @Override
    public Page<Exchange> exchanges(Actor actor, ConversationId id, Optional<String> reason, PageRequest page) {
        guard.reading(actor, id, reason, "exchanges");
        return exchanges.page(id, page).map(ConversationViews::masked);
    }

    @Override
    public Page<ConversationEvent> history(Actor actor, ConversationId id, Optional<String> reason, PageRequest page) {
        guard.reading(actor, id, reason, "history");
        return conversations.history(id, page);
    }
}
