package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.in.ExportConversationsUseCase;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.domain.conversations.ConversationAccess;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.Membership;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Exports one conversation, or every conversation of a user for that user, with exchanges masked.
 */
public final class ExportConversationsService implements ExportConversationsUseCase {

    private static final int EXPORT_PAGE = 500;

    private final ConversationGuard guard;
    private final ConversationRepository conversations;
    private final ExchangeRepository exchanges;
    private final ConversationViews views;
    private final AuditTrail audit;
    private final TransactionRunner transactions;
    private final Clock clock;

    public ExportConversationsService(
            ConversationGuard guard,
            ConversationRepository conversations,
            ExchangeRepository exchanges,
            ConversationViews views,
            AuditTrail audit,
            TransactionRunner transactions,
            Clock clock) {
        this.guard = guard;
        this.conversations = conversations;
        this.exchanges = exchanges;
        this.views = views;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ConversationExport export(Actor actor, ConversationId id, Optional<String> reason) {
        ConversationGuard.Granted a = guard.reading(actor, id, reason, "export");
        return exportOf(a);
    }

    @Override
    public UserExport exportAll(Actor actor, UserId user) {
        if (!actor.is(user)) {
            throw ForbiddenException.because("only the user exports their own conversations");
        }
        List<ConversationExport> all = new ArrayList<>();
        Page.drain(
                PageRequest.MAX_LIMIT,
                page -> conversations.listFor(user, page),
                (Membership m) -> all.add(exportOf(new ConversationGuard.Granted(
                        m.conversation(),
                        ConversationAccess.of(Optional.of(m.role()), false, Optional.empty())
                                .orElseThrow()))));
        transactions.inTransaction(() -> audit.success(
                actor,
                AuditAction.CONVERSATION_EXPORT_ALL,
                AuditTarget.user(user),
                Map.of("conversations", Integer.toString(all.size()))));
        return new UserExport(user, clock.instant(), all);
    }

    private ConversationExport exportOf(ConversationGuard.Granted a) {
        ConversationId id = a.conversation().id();
        List<Exchange> turns = new ArrayList<>();
        Page.drain(EXPORT_PAGE, page -> exchanges.page(id, page), x -> turns.add(ConversationViews.masked(x)));
        List<ConversationEvent> lines = new ArrayList<>();
        Page.drain(EXPORT_PAGE, page -> conversations.history(id, page), lines::add);
        return new ConversationExport(views.of(a.conversation(), a.access()), turns, lines);
    }
}
