package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationAccess;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.NotFoundException;
import java.util.Map;
import java.util.Optional;

/**
 * Who may do what with a conversation, decided in one place. A stranger, or anyone asking for a deleted
 * conversation, is told it does not exist; a read-any holder reads with a reason, and that read is audited.
 */
public final class ConversationGuard {

    /** A conversation and what the caller may do with it. */
    public record Granted(Conversation conversation, ConversationAccess access) {}

    private final ConversationRepository conversations;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;

    public ConversationGuard(
            ConversationRepository conversations,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry) {
        this.conversations = conversations;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
    }

    /** For reading: participants, and read-any holders who give a reason. */
    public Granted reading(Actor actor, ConversationId id, Optional<String> reason, String purpose) {
        return grant(actor, id, reason, purpose, actor.holds(Permissions.CONVERSATION_READ_ANY));
    }

    /** For changing: only participants change anything, whatever else they hold. */
    public Granted participating(Actor actor, ConversationId id, String purpose) {
        return grant(actor, id, Optional.empty(), purpose, false);
    }

    /** For sharing and deleting: the owner only. */
    public Granted owning(Actor actor, ConversationId id, String purpose) {
        Granted granted = participating(actor, id, purpose);
        if (!granted.access().canShareAndDelete()) {
            throw ForbiddenException.because("only the owner may " + purpose + " a conversation");
        }
        return granted;
    }

    private Granted grant(Actor actor, ConversationId id, Optional<String> reason, String purpose, boolean readAny) {
        ConversationRepository.Standing standing = conversations
                .findWithRole(id, actor.userId())
                .filter(s -> !s.conversation().isDeleted())
                .orElseThrow(() -> notFound(id));
        Conversation conversation = standing.conversation();
        ConversationAccess access =
                ConversationAccess.of(standing.role(), readAny, reason).orElseThrow(() -> notFound(id));
        if (access == ConversationAccess.READ_ANY) {
            transactions.inTransaction(() -> audit.success(
                    actor,
                    AuditAction.CONVERSATION_READ_ANY,
                    AuditTarget.conversation(id),
                    Map.of("reason", redactedReason(reason.orElseThrow()), "purpose", purpose)));
            telemetry.emit(
                    ServerEvent.CONVERSATION_READ_ANY,
                    actor,
                    Map.of("conversation", id.toString(), "purpose", purpose));
        }
        return new Granted(conversation, access);
    }

    /** A reason as it may be stored: with anything sensitive redacted. */
    static String redactedReason(String reason) {
        return ContentProtection.redact(reason.strip()).text();
    }

    static NotFoundException notFound(ConversationId id) {
        return new NotFoundException("conversation", id);
    }
}
