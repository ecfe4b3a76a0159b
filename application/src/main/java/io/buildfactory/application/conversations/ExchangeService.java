package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.ContentSealer;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Appends exchanges and moves them through their states, protecting content before it is stored; reveals sealed
 * content to those allowed, audited.
 */
public final class ExchangeService implements ExchangeUseCase {

    private final ConversationGuard guard;
    private final ConversationRepository conversations;
    private final ExchangeRepository exchanges;
    private final ContentSealer sealer;
    private final ConversationSettings settings;
    private final ConversationJournal journal;
    private final TransactionRunner transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public ExchangeService(
            ConversationGuard guard,
            ConversationRepository conversations,
            ExchangeRepository exchanges,
            ContentSealer sealer,
            ConversationSettings settings,
            ConversationJournal journal,
            TransactionRunner transactions,
            IdGenerator ids,
            Clock clock) {
        this.guard = guard;
        this.conversations = conversations;
        this.exchanges = exchanges;
        this.sealer = sealer;
        this.settings = settings;
        this.journal = journal;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Exchange append(Actor actor, ConversationId id, NewExchange request) {
        ConversationGuard.Granted a = guard.participating(actor, id, "append");
        if (!a.access().canAppend()) {
            throw ForbiddenException.because("only the owner and editors add exchanges");
        }
        Text.required("agentId", request.agentId(), 200);
        if (request.request() == null || request.request().isBlank()) {
            throw new InvalidInputException("request", "is required");
        }
        if (request.request().length() > Exchange.CONTENT_MAX) {
            throw new InvalidInputException("request", "must be at most " + Exchange.CONTENT_MAX + " characters");
        }
        ExchangeId exchangeId = new ExchangeId(ids.next());
        ContentProtection.Protected content = protect(request.request(), exchangeId);
        Exchange stored = transactions.inTransaction(() -> {
            Instant now = clock.instant();
            long sequence = conversations.claimSequence(id, now);
            Exchange exchange = Exchange.open(
                    exchangeId,
                    id,
                    sequence,
                    actor.userId(),
                    request.agentId(),
                    content.text(),
                    content.findings(),
                    now);
            exchanges.insert(exchange);
            journal.event(
                    id,
                    Optional.of(exchangeId),
                    "exchange.created",
                    actor,
                    Map.of("state", exchange.state().code(), "sequence", Long.toString(sequence)));
            return exchange;
        });
        journal.emitExchange(ServerEvent.EXCHANGE_CREATED, actor, stored);
        return ConversationViews.masked(stored);
    }

    @Override
    public Exchange transition(Actor actor, ConversationId id, ExchangeId exchangeId, Transition t) {
        ConversationGuard.Granted a = guard.participating(actor, id, "transition");
        if (!a.access().canAppend()) {
            throw ForbiddenException.because("only the owner and editors move exchanges on");
        }
        if (t.state() == null) {
            throw new InvalidInputException("state", "must be one of in-progress, completed, failed, cancelled");
        }
        t.response().ifPresent(r -> {
            if (r.length() > Exchange.CONTENT_MAX) {
                throw new InvalidInputException("response", "must be at most " + Exchange.CONTENT_MAX + " characters");
            }
        });
        Optional<ContentProtection.Protected> response =
                t.response().filter(r -> !r.isBlank()).map(r -> protect(r, exchangeId));
        Exchange saved = transactions.inTransaction(() -> {
            Exchange current = exchanges
                    .findById(exchangeId)
                    .filter(x -> x.conversationId().equals(id))
                    .orElseThrow(() -> new NotFoundException("exchange", exchangeId));
            if (t.version().isPresent() && t.version().get() != current.version()) {
                throw ConflictException.staleVersion(
                        "exchange", exchangeId, t.version().get());
            }
            ExchangeState from = current.state();
            Exchange updated = exchanges.update(current.moveTo(
                    t.state(),
                    response.map(ContentProtection.Protected::text),
                    response.map(ContentProtection.Protected::findings).orElse(Map.of()),
                    t.tokens(),
                    clock.instant()));
            journal.event(
                    id,
                    Optional.of(exchangeId),
                    "exchange." + t.state().code(),
                    actor,
                    Map.of("from", from.code(), "to", t.state().code()));
            return updated;
        });
        journal.emitExchange(ServerEvent.of(saved.state()), actor, saved);
        return ConversationViews.masked(saved);
    }

    @Override
    public Exchange reveal(Actor actor, ConversationId id, ExchangeId exchangeId, Optional<String> reason) {
        actor.require(Permissions.CONVERSATION_REVEAL); // a permission: refusing it tells nothing about the id
        guard.reading(actor, id, reason, "reveal");
        Exchange exchange = exchanges
                .findById(exchangeId)
                .filter(x -> x.conversationId().equals(id))
                .orElseThrow(() -> new NotFoundException("exchange", exchangeId));
        String context = exchangeId.toString();
        Exchange revealed =
                exchange.withContent(text -> ContentProtection.revealed(text, token -> sealer.open(token, context)));
        Map<String, String> details = new TreeMap<>(ConversationJournal.findings(exchange.findings()));
        details.put("exchangeId", exchangeId.toString());
        reason.map(ConversationGuard::redactedReason).ifPresent(r -> details.put("reason", r));
        transactions.inTransaction(() -> journal.audit(actor, AuditAction.CONVERSATION_REVEAL, id, details));
        journal.emit(
                ServerEvent.CONVERSATION_REVEALED,
                actor,
                Map.of("conversation", id.toString(), "exchange", exchangeId.toString()));
        return revealed;
    }

    private ContentProtection.Protected protect(String text, ExchangeId exchange) {
        return ContentProtection.protect(text, settings.protection(), value -> sealer.seal(value, exchange.toString()));
    }
}
