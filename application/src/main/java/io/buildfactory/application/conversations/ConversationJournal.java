package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.conversations.SensitiveKind;
import io.buildfactory.domain.shared.IdGenerator;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a conversation change is written down: its history line, its audit entry, its telemetry. Ids, states and
 * counts only, never content.
 */
public final class ConversationJournal {

    private final ConversationRepository conversations;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    public ConversationJournal(
            ConversationRepository conversations, AuditTrail audit, Telemetry telemetry, IdGenerator ids, Clock clock) {
        this.conversations = conversations;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
    }

    /** A line of the conversation's history; call it in the change's transaction. */
    void event(
            ConversationId id, Optional<ExchangeId> exchange, String name, Actor actor, Map<String, String> details) {
        conversations.recordEvent(new ConversationEvent(
                ids.next(), id, exchange, name, Optional.of(actor.userId()), details, clock.instant()));
    }

    /** The change's audit entry; call it in the change's transaction. */
    void audit(Actor actor, AuditAction action, ConversationId id, Map<String, String> details) {
        audit.success(actor, action, AuditTarget.conversation(id), details);
    }

    void emitExchange(ServerEvent type, Actor actor, Exchange e) {
        Map<String, Object> payload = new TreeMap<>();
        payload.put("conversation", e.conversationId().toString());
        payload.put("exchange", e.id().toString());
        payload.put("sequence", e.sequence());
        payload.put("state", e.state().code());
        payload.put("inputTokens", e.tokens().input());
        payload.put("outputTokens", e.tokens().output());
        payload.put(
                "findings",
                e.findings().values().stream().mapToInt(Integer::intValue).sum());
        telemetry.emit(type, actor, payload);
    }

    void emit(ServerEvent type, Actor actor, Map<String, ?> payload) {
        telemetry.emit(type, actor, payload);
    }

    /** Kinds and counts of what was found, as audit details: {@code found.email=2}. */
    static Map<String, String> findings(Map<SensitiveKind, Integer> found) {
        Map<String, String> details = new TreeMap<>();
        found.forEach((kind, n) -> details.put("found." + kind.code(), Integer.toString(n)));
        return details;
    }
}
