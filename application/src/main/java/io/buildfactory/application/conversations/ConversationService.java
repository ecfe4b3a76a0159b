package io.buildfactory.application.conversations;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.in.ConversationView;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase;
import io.buildfactory.application.conversations.port.in.ExportConversationsUseCase;
import io.buildfactory.application.conversations.port.in.ManageConversationUseCase;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase;
import io.buildfactory.application.conversations.port.in.ViewConversationsUseCase;
import io.buildfactory.application.conversations.port.out.ContentSealer;
import io.buildfactory.application.conversations.port.out.ConversationRepository;
import io.buildfactory.application.conversations.port.out.ExchangeRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.Conversation;
import io.buildfactory.domain.conversations.ConversationAccess;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.Membership;
import io.buildfactory.domain.conversations.Participant;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.conversations.SensitiveKind;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.workitems.ProjectKey;
import io.buildfactory.domain.workitems.WorkItemId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Conversations and their exchanges, governed: only participants see them, content is scanned before it is
 * stored, every change lands in the conversation's history and the audit log, and nothing written to history,
 * audit or telemetry carries content.
 */
public final class ConversationService
        implements StartConversationUseCase,
                ViewConversationsUseCase,
                ManageConversationUseCase,
                ExchangeUseCase,
                ExportConversationsUseCase {

    private static final int EXPORT_PAGE = 500;

    private final ConversationRepository conversations;
    private final ExchangeRepository exchanges;
    private final RetentionService retention;
    private final ContentSealer sealer;
    private final ConversationSettings settings;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    public ConversationService(
            ConversationRepository conversations,
            ExchangeRepository exchanges,
            RetentionService retention,
            ContentSealer sealer,
            ConversationSettings settings,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        this.conversations = conversations;
        this.exchanges = exchanges;
        this.retention = retention;
        this.sealer = sealer;
        this.settings = settings;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
    }

    /** A conversation and what the caller may do with it. */
    private record Accessed(Conversation conversation, ConversationAccess access) {}

    // ---- starting and reading ----

    @Override
    public ConversationView start(Actor actor, NewConversation request) {
        actor.require(Permissions.CONVERSATION_CREATE);
        if (request.title() == null || request.title().isBlank()) {
            throw new InvalidInputException("title", "is required");
        }
        Optional<ProjectKey> project = request.projectKey().map(ProjectKey::new);
        Optional<WorkItemId> workItem = request.workItem().map(ref -> {
            if (!Ulid.isValid(ref)) {
                throw new InvalidInputException("workItemId", "must be a work item id");
            }
            return new WorkItemId(new Ulid(ref));
        });
        Instant now = clock.instant();
        // Titles are always redacted, never sealed: they are short, listed everywhere, and must stay readable.
        ContentProtection.Protected title =
                ContentProtection.redact(request.title().strip());
        Conversation conversation = Conversation.start(
                new ConversationId(ids.next()), actor.userId(), title.text(), project, workItem, now);
        transactions.inTransaction(() -> {
            conversations.insert(conversation);
            event(conversation.id(), Optional.empty(), "conversation.created", actor, Map.of());
            audit.record(
                    entry(
                            actor,
                            AuditAction.CONVERSATION_CREATE,
                            conversation.id(),
                            AuditOutcome.SUCCESS,
                            findings(title.findings())),
                    actor.request());
            return null;
        });
        telemetry.emit(
                ServerEvent.CONVERSATION_CREATED,
                Optional.empty(),
                Optional.of(actor.userId()),
                actor.request(),
                Map.of("conversation", conversation.id().toString()));
        return view(conversation, ConversationAccess.OWNER);
    }

    @Override
    public ConversationView get(Actor actor, ConversationId id, Optional<String> reason) {
        Accessed a = access(actor, id, reason, "get");
        return view(a.conversation(), a.access());
    }

    @Override
    public Page<Membership> list(Actor actor, PageRequest page) {
        return conversations.listFor(actor.userId(), page);
    }

    @Override
    public Page<Exchange> exchanges(Actor actor, ConversationId id, Optional<String> reason, PageRequest page) {
        access(actor, id, reason, "exchanges");
        return exchanges.page(id, page).map(ConversationService::masked);
    }

    @Override
    public Page<ConversationEvent> history(Actor actor, ConversationId id, Optional<String> reason, PageRequest page) {
        access(actor, id, reason, "history");
        return conversations.history(id, page);
    }

    // ---- changing ----

    @Override
    public ConversationView rename(Actor actor, ConversationId id, long version, String title) {
        Accessed a = participant(actor, id, "rename");
        if (!a.access().canRename()) {
            throw ForbiddenException.because("only the owner and editors rename a conversation");
        }
        if (title == null || title.isBlank()) {
            throw new InvalidInputException("title", "is required");
        }
        ContentProtection.Protected clean = ContentProtection.redact(title.strip());
        Conversation saved = transactions.inTransaction(() -> {
            Conversation current = conversations.findById(id).orElseThrow(() -> notFound(id));
            if (current.version() != version) {
                throw ConflictException.staleVersion("conversation", id, version);
            }
            Conversation updated = conversations.update(current.rename(clean.text(), clock.instant()));
            event(id, Optional.empty(), "conversation.renamed", actor, Map.of());
            audit.record(
                    entry(actor, AuditAction.CONVERSATION_RENAME, id, AuditOutcome.SUCCESS, findings(clean.findings())),
                    actor.request());
            return updated;
        });
        return view(saved, a.access());
    }

    @Override
    public ConversationView share(Actor actor, ConversationId id, UserId user, ParticipantRole role) {
        Accessed a = owned(actor, id, "share");
        if (user.equals(a.conversation().ownerId())) {
            throw new InvalidInputException("userId", "is the owner already");
        }
        if (role == ParticipantRole.OWNER) {
            throw new InvalidInputException("role", "must be editor or viewer: a conversation has one owner");
        }
        transactions.inTransaction(() -> {
            conversations.saveParticipant(id, new Participant(user, role, clock.instant()));
            event(
                    id,
                    Optional.empty(),
                    "conversation.shared",
                    actor,
                    Map.of("userId", user.toString(), "role", role.code()));
            audit.record(
                    entry(
                            actor,
                            AuditAction.CONVERSATION_SHARE,
                            id,
                            AuditOutcome.SUCCESS,
                            Map.of("userId", user.toString(), "role", role.code())),
                    actor.request());
            return null;
        });
        telemetry.emit(
                ServerEvent.CONVERSATION_SHARED,
                Optional.empty(),
                Optional.of(actor.userId()),
                actor.request(),
                Map.of("conversation", id.toString(), "role", role.code()));
        return view(a.conversation(), a.access());
    }

    @Override
    public ConversationView unshare(Actor actor, ConversationId id, UserId user) {
        Accessed a = participant(actor, id, "unshare");
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
            event(
                    id,
                    Optional.empty(),
                    leaving ? "conversation.left" : "conversation.unshared",
                    actor,
                    Map.of("userId", user.toString()));
            audit.record(
                    entry(
                            actor,
                            AuditAction.CONVERSATION_UNSHARE,
                            id,
                            AuditOutcome.SUCCESS,
                            Map.of("userId", user.toString())),
                    actor.request());
            return null;
        });
        return view(a.conversation(), a.access());
    }

    @Override
    public void delete(Actor actor, ConversationId id) {
        owned(actor, id, "delete");
        Instant now = clock.instant();
        boolean purged = transactions.inTransaction(() -> {
            Conversation current =
                    conversations.findById(id).filter(c -> !c.isDeleted()).orElseThrow(() -> notFound(id));
            Conversation deleted = conversations.update(current.markDeleted(now, settings.deleteGrace()));
            event(id, Optional.empty(), "conversation.deleted", actor, Map.of());
            audit.record(
                    entry(
                            actor,
                            AuditAction.CONVERSATION_DELETE,
                            id,
                            AuditOutcome.SUCCESS,
                            Map.of(
                                    "purgeAt",
                                    deleted.purgeAt().orElseThrow().toString(),
                                    "legalHold",
                                    Boolean.toString(deleted.legalHold()))),
                    actor.request());
            return deleted.isPurgeDue(now)
                    && retention
                            .purge(id, RetentionService.Reason.DELETED, AuditActor.of(actor), actor.request())
                            .isPresent();
        });
        if (purged) {
            retention.scrub();
        }
        telemetry.emit(
                ServerEvent.CONVERSATION_DELETED,
                Optional.empty(),
                Optional.of(actor.userId()),
                actor.request(),
                Map.of("conversation", id.toString(), "purged", purged));
    }

    @Override
    public void legalHold(Actor actor, ConversationId id, boolean held, Optional<String> reason) {
        actor.require(Permissions.RETENTION_MANAGE);
        String why = reason.map(this::redactedReason)
                .filter(r -> !r.isEmpty())
                .orElseThrow(
                        () -> new InvalidInputException("reason", "is required: say why the hold is placed or lifted"));
        if (why.length() > ConversationAccess.REASON_MAX) {
            throw new InvalidInputException(
                    "reason", "must be at most " + ConversationAccess.REASON_MAX + " characters");
        }
        transactions.inTransaction(() -> {
            Conversation current = conversations.findById(id).orElseThrow(() -> notFound(id));
            Conversation updated = conversations.update(current.withLegalHold(held));
            event(id, Optional.empty(), held ? "conversation.held" : "conversation.released", actor, Map.of());
            audit.record(
                    entry(
                            actor,
                            held ? AuditAction.CONVERSATION_LEGAL_HOLD : AuditAction.CONVERSATION_LEGAL_HOLD_LIFTED,
                            id,
                            AuditOutcome.SUCCESS,
                            Map.of("reason", why)),
                    actor.request());
            return updated;
        });
    }

    // ---- exchanges ----

    @Override
    public Exchange append(Actor actor, ConversationId id, NewExchange request) {
        Accessed a = participant(actor, id, "append");
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
            event(
                    id,
                    Optional.of(exchangeId),
                    "exchange.created",
                    actor,
                    Map.of("state", exchange.state().code(), "sequence", Long.toString(sequence)));
            return exchange;
        });
        emitExchange(ServerEvent.EXCHANGE_CREATED, actor, stored);
        return masked(stored);
    }

    @Override
    public Exchange transition(Actor actor, ConversationId id, ExchangeId exchangeId, Transition t) {
        Accessed a = participant(actor, id, "transition");
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
            event(
                    id,
                    Optional.of(exchangeId),
                    "exchange." + t.state().code(),
                    actor,
                    Map.of("from", from.code(), "to", t.state().code()));
            return updated;
        });
        emitExchange(ServerEvent.of(saved.state()), actor, saved);
        return masked(saved);
    }

    @Override
    public Exchange reveal(Actor actor, ConversationId id, ExchangeId exchangeId, Optional<String> reason) {
        actor.require(Permissions.CONVERSATION_REVEAL); // a permission: refusing it tells nothing about the id
        access(actor, id, reason, "reveal");
        Exchange exchange = exchanges
                .findById(exchangeId)
                .filter(x -> x.conversationId().equals(id))
                .orElseThrow(() -> new NotFoundException("exchange", exchangeId));
        String context = exchangeId.toString();
        Exchange revealed =
                exchange.withContent(text -> ContentProtection.revealed(text, token -> sealer.open(token, context)));
        Map<String, String> details = new TreeMap<>(findings(exchange.findings()));
        details.put("exchangeId", exchangeId.toString());
        reason.map(this::redactedReason).ifPresent(r -> details.put("reason", r));
        transactions.inTransaction(() -> audit.record(
                entry(actor, AuditAction.CONVERSATION_REVEAL, id, AuditOutcome.SUCCESS, details), actor.request()));
        telemetry.emit(
                ServerEvent.CONVERSATION_REVEALED,
                Optional.empty(),
                Optional.of(actor.userId()),
                actor.request(),
                Map.of("conversation", id.toString(), "exchange", exchangeId.toString()));
        return revealed;
    }

    // ---- export ----

    @Override
    public ConversationExport export(Actor actor, ConversationId id, Optional<String> reason) {
        Accessed a = access(actor, id, reason, "export");
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
                (Membership m) -> all.add(exportOf(new Accessed(
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

    private ConversationExport exportOf(Accessed a) {
        ConversationId id = a.conversation().id();
        List<Exchange> turns = new ArrayList<>();
        Page.drain(EXPORT_PAGE, page -> exchanges.page(id, page), x -> turns.add(masked(x)));
        List<ConversationEvent> lines = new ArrayList<>();
        Page.drain(EXPORT_PAGE, page -> conversations.history(id, page), lines::add);
        return new ConversationExport(view(a.conversation(), a.access()), turns, lines);
    }

    // ---- helpers ----

    /**
     * The conversation and the caller's access to it, for reading. A stranger, or anyone asking for a deleted
     * conversation, is told it does not exist; a read-any holder's access is audited with their reason.
     */
    private Accessed access(Actor actor, ConversationId id, Optional<String> reason, String purpose) {
        return access(actor, id, reason, purpose, actor.holds(Permissions.CONVERSATION_READ_ANY));
    }

    /** The conversation and the caller's part in it, for changing it: only participants change anything. */
    private Accessed participant(Actor actor, ConversationId id, String purpose) {
        return access(actor, id, Optional.empty(), purpose, false);
    }

    private Accessed access(Actor actor, ConversationId id, Optional<String> reason, String purpose, boolean readAny) {
        Conversation conversation =
                conversations.findById(id).filter(c -> !c.isDeleted()).orElseThrow(() -> notFound(id));
        Optional<ParticipantRole> role = conversations.roleOf(id, actor.userId());
        ConversationAccess access = ConversationAccess.of(role, readAny, reason).orElseThrow(() -> notFound(id));
        if (access == ConversationAccess.READ_ANY) {
            transactions.inTransaction(() -> audit.record(
                    entry(
                            actor,
                            AuditAction.CONVERSATION_READ_ANY,
                            id,
                            AuditOutcome.SUCCESS,
                            Map.of("reason", redactedReason(reason.orElseThrow()), "purpose", purpose)),
                    actor.request()));
            telemetry.emit(
                    ServerEvent.CONVERSATION_READ_ANY,
                    Optional.empty(),
                    Optional.of(actor.userId()),
                    actor.request(),
                    Map.of("conversation", id.toString(), "purpose", purpose));
        }
        return new Accessed(conversation, access);
    }

    private Accessed owned(Actor actor, ConversationId id, String purpose) {
        Accessed a = participant(actor, id, purpose);
        if (!a.access().canShareAndDelete()) {
            throw ForbiddenException.because("only the owner may " + purpose + " a conversation");
        }
        return a;
    }

    private String redactedReason(String reason) {
        return ContentProtection.redact(reason.strip()).text();
    }

    private ConversationView view(Conversation c, ConversationAccess access) {
        RetentionService.Effective effective = retention.effective(c);
        return new ConversationView(
                c, access, conversations.participants(c.id()), effective.rule(), effective.deletableAt());
    }

    private ContentProtection.Protected protect(String text, ExchangeId exchange) {
        return ContentProtection.protect(text, settings.protection(), value -> sealer.seal(value, exchange.toString()));
    }

    static Exchange masked(Exchange e) {
        return e.withContent(ContentProtection::masked);
    }

    private void event(
            ConversationId id, Optional<ExchangeId> exchange, String name, Actor actor, Map<String, String> details) {
        conversations.recordEvent(new ConversationEvent(
                ids.next(), id, exchange, name, Optional.of(actor.userId()), details, clock.instant()));
    }

    private void emitExchange(ServerEvent type, Actor actor, Exchange e) {
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
        telemetry.emit(type, Optional.empty(), Optional.of(actor.userId()), actor.request(), payload);
    }

    /** Kinds and counts of what was found, as audit details: {@code found.email=2}. */
    static Map<String, String> findings(Map<SensitiveKind, Integer> found) {
        Map<String, String> details = new TreeMap<>();
        found.forEach((kind, n) -> details.put("found." + kind.code(), Integer.toString(n)));
        return details;
    }

    private static AuditTrail.Entry entry(
            Actor actor, AuditAction action, ConversationId id, AuditOutcome outcome, Map<String, String> details) {
        return new AuditTrail.Entry(AuditActor.of(actor), action, AuditTarget.conversation(id), outcome, details);
    }

    private static NotFoundException notFound(ConversationId id) {
        return new NotFoundException("conversation", id);
    }
}
