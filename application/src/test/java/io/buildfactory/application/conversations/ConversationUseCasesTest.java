package io.buildfactory.application.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.port.in.EnforceRetentionUseCase;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase.NewExchange;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase.Transition;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase.NewConversation;
import io.buildfactory.application.projects.ProjectService;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase.NewProject;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.application.shared.port.out.ContentSealer;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.testing.InMemoryConversations;
import io.buildfactory.application.testing.InMemoryProjectMembers;
import io.buildfactory.application.testing.InMemoryProjects;
import io.buildfactory.application.testing.InMemoryTransactions;
import io.buildfactory.application.testing.MutableClock;
import io.buildfactory.application.testing.RecordingAuditTrail;
import io.buildfactory.application.testing.RecordingTelemetry;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.conversations.TokenUsage;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conversation use cases against in-memory ports: who may do what, the exchange state machine, sealing and
 * its audited reveal, retention's rules and export. What only storage can show (concurrent appends taking each
 * sequence once, redacted and sealed values reaching no table, erasure leaving no byte of a user on disk) is
 * {@code ConversationStorageTest} in adapters-persistence, on both engines.
 */
class ConversationUseCasesTest {

    static final Set<Permission> CONTRIBUTOR = Set.of(Permissions.CONVERSATION_CREATE, Permissions.PROJECT_READ);
    static final Set<Permission> ADMIN = Permissions.all();
    static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    final MutableClock clock = new MutableClock(NOW);
    final IdGenerator ids = new IdGenerator(clock, new Random(5));
    final InMemoryTransactions transactions = new InMemoryTransactions();
    final InMemoryConversations store = transactions.register(new InMemoryConversations());
    final RecordingAuditTrail audit = transactions.register(new RecordingAuditTrail(ids, clock));
    final RecordingTelemetry telemetry = new RecordingTelemetry();
    final InMemoryProjects projectRows = transactions.register(new InMemoryProjects());
    final ProjectService projects = new ProjectService(
            projectRows,
            transactions.register(new InMemoryProjectMembers(Map.of(), projectRows)),
            transactions,
            audit,
            telemetry,
            ids,
            clock,
            ChangeVersions.UNTRACKED);
    final ConcurrentHashMap<String, String[]> vault = new ConcurrentHashMap<>();

    /** Sealed values live in this map, bound to their context; the store only ever sees the token. */
    final ContentSealer sealer = new ContentSealer() {
        @Override
        public String seal(String value, String context) {
            String token = "v" + vault.size();
            vault.put(token, new String[] {context, value});
            return token;
        }

        @Override
        public Optional<String> open(String token, String context) {
            return Optional.ofNullable(vault.get(token))
                    .filter(v -> v[0].equals(context))
                    .map(v -> v[1]);
        }
    };

    final UserId owner = user();
    final UserId editor = user();
    final UserId viewer = user();
    final UserId stranger = user();
    final UserId administrator = user();
    RetentionService retention;
    ConversationUseCases service;

    @BeforeEach
    void wire() {
        projects.create(
                as(administrator, ADMIN),
                new NewProject(new ProjectKey("BF"), "Build Factory", "", Optional.empty(), Optional.empty()));
        service = service(ContentProtection.Mode.REDACT, Duration.ofDays(30));
    }

    ConversationUseCases service(ContentProtection.Mode mode, Duration grace) {
        AuditTrail trail = audit;
        retention = new RetentionService(store, store, () -> {}, transactions, trail, telemetry, ids, clock);
        return ConversationUseCases.assemble(
                store,
                store,
                projects,
                retention,
                sealer,
                new ConversationSettings(mode, grace),
                transactions,
                trail,
                telemetry,
                ids,
                clock);
    }

    UserId user() {
        UserId id = new UserId(ids.next());
        store.knows(id);
        return id;
    }

    Actor as(UserId user, Set<Permission> permissions) {
        return new Actor(
                user,
                permissions,
                new Actor.Credential.ViaSession(new SessionId(ids.next())),
                RequestContext.system("test"));
    }

    Actor owner() {
        return as(owner, CONTRIBUTOR);
    }

    ConversationId started(String title, Optional<String> project) {
        return service.start()
                .start(owner(), new NewConversation(title, project, Optional.empty()))
                .conversation()
                .id();
    }

    ConversationId shared(String title) {
        ConversationId id = started(title, Optional.empty());
        service.manage().share(owner(), id, editor, ParticipantRole.EDITOR);
        service.manage().share(owner(), id, viewer, ParticipantRole.VIEWER);
        return id;
    }

    boolean exists(ConversationId id) {
        return store.findById(id).isPresent();
    }

    List<AuditTrail.Entry> audited(String action) {
        return audit.entries().stream()
                .filter(e -> e.action().code().equals(action))
                .toList();
    }

    static String outcome(Runnable call) {
        try {
            call.run();
            return "ok";
        } catch (NotFoundException e) {
            return "404";
        } catch (ForbiddenException e) {
            return "403";
        } catch (InvalidInputException e) {
            return "400";
        }
    }

    static <T> List<T> all(Function<PageRequest, Page<T>> fetch) {
        List<T> out = new ArrayList<>();
        Page.drain(50, fetch, out::add);
        return out;
    }

    @Test
    void only_participants_see_a_conversation_editors_append_viewers_read_the_owner_shares_and_deletes() {
        Map<String, Actor> callers = new LinkedHashMap<>();
        callers.put("owner", owner());
        callers.put("editor", as(editor, CONTRIBUTOR));
        callers.put("viewer", as(viewer, CONTRIBUTOR));
        callers.put("stranger", as(stranger, CONTRIBUTOR));
        callers.put("admin without reason", as(administrator, ADMIN));
        callers.put("admin with reason", as(administrator, ADMIN));
        Optional<String> reason = Optional.of("incident INC-7: checking what the agent was told");

        Map<String, List<String>> expected = new LinkedHashMap<>();
        //                         owner  editor viewer stranger admin-no admin-reason
        expected.put("get", List.of("ok", "ok", "ok", "404", "400", "ok"));
        expected.put("exchanges", List.of("ok", "ok", "ok", "404", "400", "ok"));
        expected.put("history", List.of("ok", "ok", "ok", "404", "400", "ok"));
        expected.put("export", List.of("ok", "ok", "ok", "404", "400", "ok"));
        expected.put("reveal", List.of("403", "403", "403", "403", "400", "ok"));
        expected.put("append", List.of("ok", "ok", "403", "404", "404", "404"));
        expected.put("transition", List.of("ok", "ok", "403", "404", "404", "404"));
        expected.put("rename", List.of("ok", "ok", "403", "404", "404", "404"));
        expected.put("share", List.of("ok", "403", "403", "404", "404", "404"));
        expected.put("delete", List.of("ok", "403", "403", "404", "404", "404"));

        List<String> mismatches = new ArrayList<>();
        int readAnyExpected = 0;
        for (var op : expected.entrySet()) {
            int column = 0;
            for (var caller : callers.entrySet()) {
                ConversationId id = shared("matrix " + op.getKey());
                Exchange exchange =
                        service.exchanges().append(owner(), id, new NewExchange("agent-1", "plan the release"));
                Actor actor = caller.getValue();
                Optional<String> why = caller.getKey().equals("admin with reason") ? reason : Optional.empty();
                Runnable call = switch (op.getKey()) {
                    case "get" -> () -> service.view().get(actor, id, why);
                    case "exchanges" -> () -> service.view().exchanges(actor, id, why, PageRequest.first(10));
                    case "history" -> () -> service.view().history(actor, id, why, PageRequest.first(10));
                    case "export" -> () -> service.export().export(actor, id, why);
                    case "reveal" -> () -> service.exchanges().reveal(actor, id, exchange.id(), why);
                    case "append" ->
                        () -> service.exchanges().append(actor, id, new NewExchange("agent-1", "and then?"));
                    case "transition" ->
                        () -> service.exchanges()
                                .transition(
                                        actor,
                                        id,
                                        exchange.id(),
                                        new Transition(
                                                ExchangeState.IN_PROGRESS,
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()));
                    case "rename" ->
                        () -> service.manage()
                                .rename(
                                        actor,
                                        id,
                                        store.findById(id).orElseThrow().version(),
                                        "renamed");
                    case "share" -> () -> service.manage().share(actor, id, stranger, ParticipantRole.VIEWER);
                    case "delete" -> () -> service.manage().delete(actor, id);
                    default -> throw new IllegalStateException(op.getKey());
                };
                String got = outcome(call);
                if (!got.equals(op.getValue().get(column))) {
                    mismatches.add(op.getKey() + " by " + caller.getKey() + ": expected "
                            + op.getValue().get(column) + ", got " + got);
                }
                if (caller.getKey().equals("admin with reason") && got.equals("ok")) {
                    readAnyExpected++;
                }
                column++;
            }
        }
        assertEquals(List.of(), mismatches);
        List<AuditTrail.Entry> reads = audited("conversation.read-any");
        assertEquals(readAnyExpected, reads.size(), "each read with a reason is audited once");
        assertEquals(reason.get(), reads.getLast().details().get("reason"));
    }

    @Test
    void a_refused_call_leaves_nothing_behind() {
        ConversationId id = shared("untouched");
        Object before = store.snapshot();
        int entries = audit.entries().size();
        assertEquals(
                "403",
                outcome(() -> service.exchanges()
                        .append(as(viewer, CONTRIBUTOR), id, new NewExchange("agent-1", "let me in"))));
        assertEquals(
                "400",
                outcome(() -> service.manage().share(owner(), id, new UserId(ids.next()), ParticipantRole.EDITOR)),
                "sharing with a user that does not exist names userId");
        assertEquals(before, store.snapshot());
        assertEquals(entries, audit.entries().size());
    }

    @Test
    void exchanges_run_their_state_machine_with_history_and_telemetry_and_refuse_a_wrong_move() {
        ConversationId id = shared("states");
        Exchange e =
                service.exchanges().append(as(editor, CONTRIBUTOR), id, new NewExchange("agent-1", "summarise BF-213"));
        assertEquals(1, e.sequence());
        service.exchanges()
                .transition(
                        owner(),
                        id,
                        e.id(),
                        new Transition(ExchangeState.IN_PROGRESS, Optional.empty(), Optional.empty(), Optional.of(1L)));
        Exchange done = service.exchanges()
                .transition(
                        owner(),
                        id,
                        e.id(),
                        new Transition(
                                ExchangeState.COMPLETED,
                                Optional.of("BF-213 adds the persistence layer."),
                                Optional.of(new TokenUsage(300, 40)),
                                Optional.empty()));
        assertEquals(Optional.of("BF-213 adds the persistence layer."), done.responseContent());
        assertEquals(new TokenUsage(300, 40), done.tokens());
        assertThrows(
                RuleViolationException.class,
                () -> service.exchanges()
                        .transition(
                                owner(),
                                id,
                                e.id(),
                                new Transition(
                                        ExchangeState.IN_PROGRESS,
                                        Optional.empty(),
                                        Optional.empty(),
                                        Optional.empty())));

        List<String> history = all(page -> service.view().history(owner(), id, Optional.empty(), page)).stream()
                .filter(h -> h.exchangeId().isPresent())
                .map(ConversationEvent::event)
                .toList();
        assertEquals(List.of("exchange.created", "exchange.in-progress", "exchange.completed"), history);
        assertEquals(
                List.of(ServerEvent.EXCHANGE_CREATED, ServerEvent.EXCHANGE_IN_PROGRESS, ServerEvent.EXCHANGE_COMPLETED),
                telemetry.types().stream()
                        .filter(t -> t.name().startsWith("EXCHANGE_"))
                        .toList());
    }

    @Test
    void sealed_values_are_masked_for_readers_and_opened_only_by_an_audited_reveal() {
        service = service(ContentProtection.Mode.ENCRYPT, Duration.ofDays(30));
        ConversationId id = shared("sealed");
        Exchange e = service.exchanges()
                .append(owner(), id, new NewExchange("agent-1", "mail ada.lovelace@example.org today"));
        assertEquals("mail [ENCRYPTED:email] today", e.requestContent());
        assertEquals(
                "mail [ENCRYPTED:email] today",
                service.view()
                        .exchanges(as(viewer, CONTRIBUTOR), id, Optional.empty(), PageRequest.first(5))
                        .items()
                        .getFirst()
                        .requestContent());
        assertFalse(store.snapshot().toString().contains("ada.lovelace@example.org"), "the store holds the token");
        assertEquals(1, vault.size());

        assertEquals("403", outcome(() -> service.exchanges().reveal(owner(), id, e.id(), Optional.empty())));
        Exchange revealed =
                service.exchanges().reveal(as(administrator, ADMIN), id, e.id(), Optional.of("legal request LR-12"));
        assertEquals("mail ada.lovelace@example.org today", revealed.requestContent());
        AuditTrail.Entry reveal = audited("conversation.reveal").getLast();
        assertEquals(e.id().toString(), reveal.details().get("exchangeId"));
        assertEquals("1", reveal.details().get("found.email"));
        assertFalse(reveal.details().toString().contains("ada.lovelace"));
    }

    @Test
    void retention_purges_at_the_boundary_longest_rule_wins_hold_beats_all_and_a_second_run_changes_nothing() {
        Actor admin = as(administrator, ADMIN);
        ConversationId plain = started("plain", Optional.empty());
        ConversationId project = started("in BF", Optional.of("BF"));
        ConversationId forever = started("kept", Optional.empty());
        ConversationId held = started("held", Optional.empty());
        service.exchanges().append(owner(), plain, new NewExchange("agent-1", "hello"));
        retention.put(admin, RetentionScope.GLOBAL, null, Optional.of(30), Optional.empty());
        retention.put(admin, RetentionScope.PROJECT, "BF", Optional.of(90), Optional.empty());
        retention.put(admin, RetentionScope.CONVERSATION, forever.toString(), Optional.empty(), Optional.empty());
        service.manage().legalHold(admin, held, true, Optional.of("litigation hold LH-3"));
        Instant lastActivity = store.findById(plain).orElseThrow().updatedAt();

        clock.set(lastActivity.plus(Duration.ofDays(30)).minusSeconds(1));
        assertEquals(0, retention.enforce(100).purged(), "one second inside the boundary");
        assertTrue(exists(plain));

        clock.set(lastActivity.plus(Duration.ofDays(30)));
        EnforceRetentionUseCase.Run run = retention.enforce(100);
        assertEquals(1, run.purged());
        assertEquals(1, run.exchangesPurged());
        assertFalse(exists(plain));
        assertTrue(exists(project), "the project's 90 days beat the global 30");
        assertTrue(exists(forever) && exists(held));
        AuditTrail.Entry tombstone = audited("conversation.purge").getLast();
        assertEquals(Optional.of(plain.toString()), tombstone.target().id());
        assertEquals(
                Map.of("exchanges", "1", "historyEntries", "2", "participants", "1", "reason", "retention"),
                tombstone.details());

        Object before = store.snapshot();
        int entries = audit.entries().size();
        assertEquals(0, retention.enforce(100).purged(), "running again changes nothing");
        assertEquals(before, store.snapshot());
        assertEquals(entries, audit.entries().size());

        clock.set(NOW.plus(Duration.ofDays(400)));
        assertEquals(1, retention.enforce(100).purged());
        assertFalse(exists(project));
        assertTrue(exists(forever) && exists(held), "keep forever and legal hold hold");
        service.manage().legalHold(admin, held, false, Optional.of("case closed"));
        assertEquals(1, retention.enforce(100).purged());
        assertFalse(exists(held));
        assertTrue(exists(forever));
    }

    @Test
    void retention_works_in_bounded_runs() {
        retention.put(as(administrator, ADMIN), RetentionScope.GLOBAL, null, Optional.of(1), Optional.empty());
        List<ConversationId> all =
                List.of(started("a", Optional.empty()), started("b", Optional.empty()), started("c", Optional.empty()));
        clock.set(NOW.plus(Duration.ofDays(2)));
        EnforceRetentionUseCase.Run first = retention.enforce(2);
        assertEquals(2, first.purged());
        assertTrue(first.more());
        EnforceRetentionUseCase.Run second = retention.enforce(2);
        assertEquals(1, second.purged());
        assertFalse(second.more());
        assertTrue(all.stream().noneMatch(this::exists));
    }

    @Test
    void a_deleted_conversation_is_hidden_at_once_and_purged_after_the_grace_period() {
        ConversationId id = shared("to delete");
        service.manage().delete(owner(), id);
        assertEquals("404", outcome(() -> service.view().get(owner(), id, Optional.empty())));
        assertEquals(
                List.of(),
                service.view()
                        .list(as(viewer, CONTRIBUTOR), PageRequest.first(10))
                        .items());
        clock.set(NOW.plus(Duration.ofDays(30)).minusSeconds(1));
        retention.enforce(100);
        assertTrue(exists(id), "kept during the grace period");
        clock.set(NOW.plus(Duration.ofDays(30)));
        assertEquals(1, retention.enforce(100).purged());
        assertFalse(exists(id));
        assertEquals(
                "deleted", audited("conversation.purge").getLast().details().get("reason"));

        service = service(ContentProtection.Mode.REDACT, Duration.ZERO);
        ConversationId now = started("gone at once", Optional.empty());
        service.manage().delete(owner(), now);
        assertFalse(exists(now), "a zero grace period purges at once");
    }

    @Test
    void a_user_exports_every_conversation_they_take_part_in_and_nobody_else_may() {
        ConversationId mine = started("mine", Optional.empty());
        service.exchanges().append(owner(), mine, new NewExchange("agent-1", "first"));
        ConversationId sharedWithMe = service.start()
                .start(as(editor, CONTRIBUTOR), new NewConversation("theirs", Optional.empty(), Optional.empty()))
                .conversation()
                .id();
        service.manage().share(as(editor, CONTRIBUTOR), sharedWithMe, owner, ParticipantRole.VIEWER);
        var export = service.export().exportAll(owner(), owner).conversations();
        assertEquals(
                Set.of(mine, sharedWithMe),
                export.stream().map(x -> x.view().conversation().id()).collect(Collectors.toSet()));
        assertEquals(
                List.of("first"),
                export.stream()
                        .filter(x -> x.view().conversation().id().equals(mine))
                        .findFirst()
                        .orElseThrow()
                        .exchanges()
                        .stream()
                        .map(Exchange::requestContent)
                        .toList());
        assertEquals("403", outcome(() -> service.export().exportAll(as(administrator, ADMIN), owner)));
    }
}
