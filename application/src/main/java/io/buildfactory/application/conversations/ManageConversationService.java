package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.conversations.port.in.ConversationView;
import io.buildfactory.application.conversations.port.in.ManageConversationUseCase;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationAccess;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Participant;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Renames, shares, unshares, deletes and holds conversations: participants by their role, each change in the
 * conversation's history and the audit log.
 */
public final class ManageConversationService implements ManageConversationUseCase {

    private final ConversationGuard guard;
    private final ConversationRepository conversations;
    private final RetentionService retention;
    private final ConversationSettings settings;
    private final ConversationViews views;
    private final ConversationJournal journal;
    private final TransactionRunner transactions;
    private final Clock clock;

    public ManageConversationService(
            ConversationGuard guard,
            ConversationRepository conversations,
            RetentionService retention,
            ConversationSettings settings,
            ConversationViews views,
            ConversationJournal journal,
            TransactionRunner transactions,
            Clock clock) {
        this.guard = guard;
        this.conversations = conversations;
        this.retention = retention;
        this.settings = settings;
        this.views = views;
        this.journal = journal;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public ConversationView rename(Actor actor, ConversationId id, long version, String title) {
        ConversationGuard.Granted a = guard.participating(actor, id, "rename");
        if (!a.access().canRename()) {
            throw ForbiddenException.because("only the owner and editors rename a conversation");
        }
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "is required");
        }
        ContentProtection.Protected clean = ContentProtection.redact(title.strip());
        Conversation saved = transactions.inTransaction(() -> {
            Conversation current = conversations.findById(id).orElseThrow(() -> ConversationGuard.notFound(id));
            if (current.version() != version) {
                throw ConflictException.staleVersion("conversation", id, version);
            }
            Conversation updated = conversations.update(current.rename(clean.text(), clock.instant()));
            journal.event(id, Optional.empty(), "conversation.renamed", actor, Map.of());
            journal.audit(actor, AuditAction.CONVERSATION_RENAME, id, ConversationJournal.findings(clean.findings()));
            return updated;
        });
        return views.of(saved, a.access());
    }

    @Override
    public ConversationView share(Actor actor, ConversationId id, UserId user, ParticipantRole role) {
        ConversationGuard.Granted a = guard.owning(actor, id, "share");
        if (user.equals(a.conversation().ownerId())) {
            throw new InvalidInputException("userId", "is the owner already");
        }
        if (role == ParticipantRole.OWNER) {
            throw new InvalidInputException("role", "must be editor or viewer: a conversation has one owner");
        }
        transactions.inTransaction(() -> {
            conversations.saveParticipant(id, new Participant(user, role, clock.instant()));
            journal.event(
                    id,
                    Optional.empty(),
                    "conversation.shared",
                    actor,
                    Map.of("userId", user.toString(), "role", role.code()));
            journal.audit(
                    actor, AuditAction.CONVERSATION_SHARE, id, Map.of("userId", user.toString(), "role", role.code()));
            return null;
        });
        journal.emit(
                ServerEvent.CONVERSATION_SHARED, actor, Map.of("conversation", id.toString(), "role", role.code()));
        return views.of(a.conversation(), a.access());
    }

    @Override
    public ConversationView unshare(Actor actor, ConversationId id, UserId user) {
        ConversationGuard.Granted a = guard.participating(actor, id, "unshare");
        boolean leaving = actor.is(user);
        if (user.equals(a.conversation().ownerId())) {
            throw new InvalidInputException("userId", "the owner cannot leave; delete the conversation instead");
        }
        if (!leaving && !a.access().canShareAndDelete()) {
            throw ForbiddenException.because("only the owner removes other participants");
        }
        transactions.inTransaction(() -> {
            if (!conversations.removeParticipant(id, user)) {
                throw new NotFoundException("participant", user);
            }
            journal.event(
                    id,
                    Optional.empty(),
                    leaving ? "conversation.left" : "conversation.unshared",
                    actor,
                    Map.of("userId", user.toString()));
            journal.audit(actor, AuditAction.CONVERSATION_UNSHARE, id, Map.of("userId", user.toString()));
            return null;
        });
        return views.of(a.conversation(), a.access());
    }

    @Override
    public void delete(Actor actor, ConversationId id) {
        guard.owning(actor, id, "delete");
        Instant now = clock.instant();
        boolean purged = transactions.inTransaction(() -> {
            Conversation current = conversations
                    .findById(id)
                    .filter(c -> !c.isDeleted())
                    .orElseThrow(() -> ConversationGuard.notFound(id));
            Conversation deleted = conversations.update(current.markDeleted(now, settings.deleteGrace()));
            journal.event(id, Optional.empty(), "conversation.deleted", actor, Map.of());
            journal.audit(
                    actor,
                    AuditAction.CONVERSATION_DELETE,
                    id,
                    Map.of(
                            "purgeAt",
                            deleted.purgeAt().orElseThrow().toString(),
                            "legalHold",
                            Boolean.toString(deleted.legalHold())));
            return deleted.isPurgeDue(now)
                    && retention
                            .purge(id, RetentionService.Reason.DELETED, AuditActor.of(actor), actor.request())
                            .isPresent();
        });
        if (purged) {
            retention.scrub();
        }
        journal.emit(ServerEvent.CONVERSATION_DELETED, actor, Map.of("conversation", id.toString(), "purged", purged));
    }

    @Override
    public void legalHold(Actor actor, ConversationId id, boolean held, Optional<String> reason) {
        actor.require(Permissions.RETENTION_MANAGE);
        String why = reason.map(ConversationGuard::redactedReason)
                .filter(r -> !r.isEmpty())
                .orElseThrow(
                        () -> new InvalidInputException("reason", "is required: say why the hold is placed or lifted"));
        if (why.length() > ConversationAccess.REASON_MAX) {
            throw new InvalidInputException(
                    "reason", "must be at most " + ConversationAccess.REASON_MAX + " characters");
        }
        transactions.inTransaction(() -> {
            Conversation current = conversations.findById(id).orElseThrow(() -> ConversationGuard.notFound(id));
            Conversation updated = conversations.update(current.withLegalHold(held));
            journal.event(id, Optional.empty(), held ? "conversation.held" : "conversation.released", actor, Map.of());
            journal.audit(
                    actor,
                    held ? AuditAction.CONVERSATION_LEGAL_HOLD : AuditAction.CONVERSATION_LEGAL_HOLD_LIFTED,
                    id,
                    Map.of("reason", why));
            return updated;
        });
    }
}
