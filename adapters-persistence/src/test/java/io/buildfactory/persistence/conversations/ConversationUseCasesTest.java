package io.buildfactory.persistence.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.conversations.ConversationSettings;
import io.buildfactory.application.conversations.ConversationUseCases;
import io.buildfactory.application.conversations.RetentionService;
import io.buildfactory.application.conversations.port.in.EnforceRetentionUseCase;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase.NewExchange;
import io.buildfactory.application.conversations.port.in.ExchangeUseCase.Transition;
import io.buildfactory.application.conversations.port.in.StartConversationUseCase.NewConversation;
import io.buildfactory.application.conversations.port.out.ContentSealer;
import io.buildfactory.application.identity.ErasureService;
import io.buildfactory.application.projects.ProjectService;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.application.testing.MutableClock;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.ConversationEvent;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.conversations.SensitiveKind;
import io.buildfactory.domain.conversations.TokenUsage;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.IdentityLink;
import io.buildfactory.domain.identity.IdentityLinkId;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.identity.UserKind;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.persistence.DatabaseScrubber;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.identity.JooqRoleRepository;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.projects.JooqProjectMembers;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import io.buildfactory.persistence.testing.Paging;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConversationUseCasesTest extends OnBothEngines {

    static final Set<Permission> CONTRIBUTOR = Set.of(Permissions.CONVERSATION_CREATE, Permissions.PROJECT_READ);
    static final Set<Permission> ADMIN = Permissions.all();

    final MutableClock clock = new MutableClock(Fixtures.NOW);
    final IdGenerator ids = new IdGenerator(clock, new Random(5));
    final ConcurrentHashMap<String, String[]> vault = new ConcurrentHashMap<>();
    JooqUserRepository users;
    JooqConversationRepository conversations;
    JooqAuditRepository auditRepository;
    JooqTelemetryRepository telemetryRepository;
    BufferedTelemetrySink sink;
    RetentionService retention;
    ConversationUseCases service;
    ErasureService erasure;
    User owner;
    User editor;
    User viewer;
    User stranger;
    User administrator;

    /** Sealed values live in this map, bound to their context; the database only ever sees the token. */
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

    @BeforeEach
    void wire() {
        Fixtures.projects(db.database(), "BF", "OPS");
        users = new JooqUserRepository(db.database());
        conversations = new JooqConversationRepository(db.database());
        auditRepository = new JooqAuditRepository(db.database(), clock);
        telemetryRepository = new JooqTelemetryRepository(db.database(), clock, IdGenerator.secure(clock));
        sink = new BufferedTelemetrySink(telemetryRepository, clock, BufferedTelemetrySink.Settings.DEFAULT);
        owner = user("owner");
        editor = user("editor");
        viewer = user("viewer");
        stranger = user("stranger");
        administrator = user("administrator");
        service = service(ContentProtection.Mode.REDACT, Duration.ofDays(30));
    }

    ConversationUseCases service(ContentProtection.Mode mode, Duration grace) {
        JooqTransactionRunner tx = new JooqTransactionRunner(db.database());
        AuditTrail audit = new HashChainedAuditTrail(auditRepository, tx, ids, clock);
        Telemetry telemetry = new TelemetryEnvelopes(sink, ids, clock);
        retention = new RetentionService(
                conversations,
                new JooqRetentionPolicyRepository(db.database()),
                new DatabaseScrubber(db.database()),
                tx,
                audit,
                telemetry,
                ids,
                clock);
        erasure = new ErasureService(
                users,
                new JooqRoleRepository(db.database(), clock),
                retention,
                new DatabaseScrubber(db.database()),
                tx,
                audit,
                telemetry);
        return ConversationUseCases.assemble(
                conversations,
                new JooqExchangeRepository(db.database()),
                new ProjectService(
                        new JooqProjectRepository(db.database()),
                        new JooqProjectMembers(db.database()),
                        tx,
                        audit,
                        telemetry,
                        ids,
                        clock),
                retention,
                sealer,
                new ConversationSettings(mode, grace),
                tx,
                audit,
                telemetry,
                ids,
                clock);
    }

    @AfterEach
    void close() {
        sink.close();
    }

    User user(String name) {
        User u = User.register(
                new UserId(ids.next()), new EmailAddress(name + "@example.com"), name, UserKind.HUMAN, clock.instant());
        users.insert(u);
        return u;
    }

    Actor as(User user, Set<Permission> permissions) {
        return new Actor(
                user.id(),
                permissions,
                new Actor.Credential.ViaSession(new SessionId(ids.next())),
                RequestContext.system("test"));
    }

    Actor owner() {
        return as(owner, CONTRIBUTOR);
    }

    ConversationId shared(String title) {
        ConversationId id = service.start()
                .start(owner(), new NewConversation(title, Optional.empty(), Optional.empty()))
                .conversation()
                .id();
        service.manage().share(owner(), id, editor.id(), ParticipantRole.EDITOR);
        service.manage().share(owner(), id, viewer.id(), ParticipantRole.VIEWER);
        return id;
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

    List<AuditEvent> audit(String actionPrefix) {
        return Paging.all(
                100,
                page -> auditRepository.find(
                        new AuditQuery(
                                Optional.empty(),
                                Optional.of(actionPrefix),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        page));
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

        Map<String, Function<Actor, Optional<String>>> reasons = Map.of("admin with reason", a -> reason);
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
        int readAnyBefore = audit("conversation.read-any").size();
        int readAnyExpected = 0;
        for (var op : expected.entrySet()) {
            int column = 0;
            for (var caller : callers.entrySet()) {
                ConversationId id = shared("matrix " + op.getKey());
                Exchange exchange =
                        service.exchanges().append(owner(), id, new NewExchange("agent-1", "plan the release"));
                Actor actor = caller.getValue();
                Optional<String> why = reasons.getOrDefault(caller.getKey(), a -> Optional.empty())
                        .apply(actor);
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
                                        service.view()
                                                .get(owner(), id, Optional.empty())
                                                .conversation()
                                                .version(),
                                        "renamed");
                    case "share" -> () -> service.manage().share(actor, id, stranger.id(), ParticipantRole.VIEWER);
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
        List<AuditEvent> reads = audit("conversation.read-any");
        assertEquals(readAnyExpected, reads.size() - readAnyBefore, "each read with a reason is audited once");
        assertEquals(reason.get(), reads.getLast().record().details().get("reason"));
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

        List<String> history =
                Paging.all(50, page -> service.view().history(owner(), id, Optional.empty(), page)).stream()
                        .filter(h -> h.exchangeId().isPresent())
                        .map(ConversationEvent::event)
                        .toList();
        assertEquals(List.of("exchange.created", "exchange.in-progress", "exchange.completed"), history);
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        List<String> types = telemetryRepository
                .find(
                        new io.buildfactory.domain.telemetry.TelemetryQuery(
                                Optional.of("exchange."),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        PageRequest.first(50))
                .items()
                .stream()
                .map(t -> t.eventType().value())
                .sorted()
                .toList();
        assertEquals(List.of("exchange.completed", "exchange.created", "exchange.in-progress"), types);
    }

    @Test
    void concurrent_appends_to_one_conversation_take_every_sequence_number_once() throws Exception {
        ConversationId id = shared("busy");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Exchange>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                int n = i;
                futures.add(pool.submit(() -> service.exchanges()
                        .append(
                                n % 2 == 0 ? owner() : as(editor, CONTRIBUTOR),
                                id,
                                new NewExchange("agent-" + n, "turn " + n))));
            }
            List<Long> sequences = new ArrayList<>();
            for (Future<Exchange> f : futures) {
                sequences.add(f.get().sequence());
            }
            assertEquals(
                    java.util.stream.LongStream.rangeClosed(1, 24).boxed().toList(),
                    sequences.stream().sorted().toList());
        } finally {
            pool.shutdownNow();
        }
    }

    static final Map<SensitiveKind, String> SECRETS = Map.of(
            SensitiveKind.API_KEY, "AKIAIOSFODNN7EXAMPLE",
            SensitiveKind.JWT,
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
            SensitiveKind.PASSWORD_IN_URL, "S3cr3t-P4ss",
            SensitiveKind.SECRET_ASSIGNMENT, "Xq7!vR2#pL9zT4",
            SensitiveKind.EMAIL, "ada.lovelace@example.org",
            SensitiveKind.PHONE, "+44 20 7946 0958",
            SensitiveKind.CARD_NUMBER, "4111 1111 1111 1111",
            SensitiveKind.PRIVATE_KEY, "MIIEowIBAAKCAQEA7bq");

    static final String REQUEST = "use AKIAIOSFODNN7EXAMPLE and "
            + "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U, connect to "
            + "postgres://app:S3cr3t-P4ss@db.internal:5432/prod with password=Xq7!vR2#pL9zT4";
    static final String RESPONSE = "mail ada.lovelace@example.org or call +44 20 7946 0958; card 4111 1111 1111 1111;\n"
            + "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7bq\n-----END RSA PRIVATE KEY-----";

    @Test
    void secrets_and_personal_data_are_redacted_before_storage_and_reach_no_table() {
        ConversationId id = service.start()
                .start(owner(), new NewConversation("ask ada.lovelace@example.org", Optional.empty(), Optional.empty()))
                .conversation()
                .id();
        Exchange e = service.exchanges().append(owner(), id, new NewExchange("agent-1", REQUEST));
        service.exchanges()
                .transition(
                        owner(),
                        id,
                        e.id(),
                        new Transition(
                                ExchangeState.IN_PROGRESS, Optional.empty(), Optional.empty(), Optional.empty()));
        Exchange done = service.exchanges()
                .transition(
                        owner(),
                        id,
                        e.id(),
                        new Transition(
                                ExchangeState.COMPLETED, Optional.of(RESPONSE), Optional.empty(), Optional.empty()));

        Map<SensitiveKind, Integer> everyKindOnce = new HashMap<>();
        SECRETS.keySet().forEach(k -> everyKindOnce.put(k, 1));
        assertEquals(everyKindOnce, done.findings(), "the exchange records kinds and counts");
        assertTrue(done.requestContent().contains("[REDACTED:api-key]"), done.requestContent());
        assertTrue(done.responseContent().orElseThrow().contains("[REDACTED:private-key]"));
        assertEquals(
                "ask [REDACTED:email]",
                service.view().get(owner(), id, Optional.empty()).conversation().title());
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        String stored = db.everything();
        assertTrue(stored.contains("[REDACTED:card-number]"), "the search does see exchange content");
        SECRETS.forEach((kind, value) -> assertFalse(stored.contains(value), kind + " value found in storage"));
        assertTrue(vault.isEmpty(), "redaction seals nothing");
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
        assertFalse(db.everything().contains("ada.lovelace@example.org"));

        assertEquals("403", outcome(() -> service.exchanges().reveal(owner(), id, e.id(), Optional.empty())));
        Exchange revealed =
                service.exchanges().reveal(as(administrator, ADMIN), id, e.id(), Optional.of("legal request LR-12"));
        assertEquals("mail ada.lovelace@example.org today", revealed.requestContent());
        AuditEvent reveal = audit("conversation.reveal").getLast();
        assertEquals(e.id().toString(), reveal.record().details().get("exchangeId"));
        assertEquals("1", reveal.record().details().get("found.email"));
        assertFalse(reveal.record().details().toString().contains("ada.lovelace"));
    }

    Instant t(int days) {
        return Fixtures.NOW.plus(Duration.ofDays(days));
    }

    ConversationId started(String title, Optional<String> project) {
        return service.start()
                .start(owner(), new NewConversation(title, project, Optional.empty()))
                .conversation()
                .id();
    }

    boolean exists(ConversationId id) {
        return conversations.findById(id).isPresent();
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
        Instant lastActivity = conversations.findById(plain).orElseThrow().updatedAt();

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
        AuditEvent tombstone = audit("conversation.purge").getLast();
        assertEquals(plain.toString(), tombstone.record().targetId().orElseThrow());
        assertEquals(
                Map.of("exchanges", "1", "historyEntries", "2", "participants", "1", "reason", "retention"),
                tombstone.record().details());

        assertTrue(sink.flush(Duration.ofSeconds(10)));
        String before = db.everything();
        assertEquals(0, retention.enforce(100).purged(), "running again changes nothing");
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        assertEquals(before, db.everything());

        clock.set(t(400));
        EnforceRetentionUseCase.Run late = retention.enforce(100);
        assertEquals(1, late.purged());
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
        clock.set(t(2));
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
        clock.set(t(30).minusSeconds(1));
        retention.enforce(100);
        assertTrue(exists(id), "kept during the grace period");
        clock.set(t(30));
        assertEquals(1, retention.enforce(100).purged());
        assertFalse(exists(id));
        assertEquals(
                "deleted",
                audit("conversation.purge").getLast().record().details().get("reason"));

        service = service(ContentProtection.Mode.REDACT, Duration.ZERO);
        ConversationId now = started("gone at once", Optional.empty());
        service.manage().delete(owner(), now);
        assertFalse(exists(now), "a zero grace period purges at once");
    }

    static final String MARKER = "zqxmarker";

    @Test
    void erasing_a_user_purges_what_they_own_and_leaves_their_marker_nowhere() throws Exception {
        User subject = user(MARKER + "-subject");
        Actor them = as(subject, CONTRIBUTOR);
        users.insertLink(new IdentityLink(
                new IdentityLinkId(ids.next()),
                subject.id(),
                "github",
                MARKER + "-login",
                Optional.of(new EmailAddress(MARKER + "@example.net")),
                Optional.of("{\"bio\":\"" + MARKER + "\"}"),
                clock.instant()));
        new JooqSessionRepository(db.database())
                .insert(fixtures.session(subject.id(), clock.instant(), Duration.ofMinutes(30), Duration.ofHours(12)));
        ConversationId theirs = service.start()
                .start(them, new NewConversation("title " + MARKER, Optional.of("BF"), Optional.empty()))
                .conversation()
                .id();
        Exchange e = service.exchanges().append(them, theirs, new NewExchange("agent-" + MARKER, "request " + MARKER));
        service.exchanges()
                .transition(
                        them,
                        theirs,
                        e.id(),
                        new Transition(
                                ExchangeState.IN_PROGRESS, Optional.empty(), Optional.empty(), Optional.empty()));
        service.exchanges()
                .transition(
                        them,
                        theirs,
                        e.id(),
                        new Transition(
                                ExchangeState.COMPLETED,
                                Optional.of("response " + MARKER),
                                Optional.empty(),
                                Optional.empty()));
        service.manage().share(them, theirs, owner.id(), ParticipantRole.EDITOR);
        ConversationId others = shared("someone else's");
        service.manage().share(owner(), others, subject.id(), ParticipantRole.EDITOR);
        Exchange contributed =
                service.exchanges().append(them, others, new NewExchange("agent-1", "a neutral question"));
        assertTrue(db.everything().contains(MARKER), "the marker is stored before erasure");

        var erased = erasure.erase(as(administrator, ADMIN), subject.id());
        assertEquals(1, erased.conversationsPurged());
        assertEquals(1, erased.exchangesPurged());
        assertTrue(sink.flush(Duration.ofSeconds(10)));

        assertFalse(exists(theirs));
        Exchange kept =
                service.view().exchanges(owner(), others, Optional.empty(), PageRequest.first(10)).items().stream()
                        .filter(x -> x.id().equals(contributed.id()))
                        .findFirst()
                        .orElseThrow();
        assertEquals(Optional.empty(), kept.authorId(), "authorship elsewhere is pseudonymised");
        String stored = db.everything();
        assertFalse(stored.contains(MARKER), "a table still holds the marker:\n" + lines(stored, MARKER));
        String outsideLogs = stored.lines()
                .filter(l -> !l.startsWith("audit_events:") && !l.startsWith("telemetry_events:"))
                .reduce("", (a, b) -> a + b + "\n");
        assertFalse(
                outsideLogs.contains(subject.id().toString()),
                "only the audit and telemetry logs keep the id:\n"
                        + lines(outsideLogs, subject.id().toString()));
        AuditEvent tombstone = audit("user.erase").getLast();
        assertEquals(
                Map.of("conversations", "1", "exchanges", "1"),
                tombstone.record().details());

        if (engine == Engine.SQLITE) {
            Path file = db.settings().sqliteFile().orElseThrow();
            for (Path part : List.of(file, Path.of(file + "-wal"))) {
                if (Files.exists(part)) {
                    String bytes = new String(Files.readAllBytes(part), StandardCharsets.ISO_8859_1);
                    assertFalse(bytes.contains(MARKER), part.getFileName() + " still holds the marker's bytes");
                }
            }
        }
    }

    @Test
    void a_user_owning_a_held_conversation_cannot_be_erased_and_nothing_changes() {
        User subject = user("held-owner");
        ConversationId id = service.start()
                .start(as(subject, CONTRIBUTOR), new NewConversation("evidence", Optional.empty(), Optional.empty()))
                .conversation()
                .id();
        service.manage().legalHold(as(administrator, ADMIN), id, true, Optional.of("litigation hold LH-9"));
        assertThrows(RuleViolationException.class, () -> erasure.erase(as(administrator, ADMIN), subject.id()));
        assertTrue(exists(id));
        assertTrue(users.findById(subject.id()).isPresent());
    }

    @Test
    void a_user_exports_every_conversation_they_take_part_in_and_nobody_else_may() {
        ConversationId mine = started("mine", Optional.empty());
        service.exchanges().append(owner(), mine, new NewExchange("agent-1", "first"));
        ConversationId sharedWithMe = service.start()
                .start(as(editor, CONTRIBUTOR), new NewConversation("theirs", Optional.empty(), Optional.empty()))
                .conversation()
                .id();
        service.manage().share(as(editor, CONTRIBUTOR), sharedWithMe, owner.id(), ParticipantRole.VIEWER);
        var export = service.export().exportAll(owner(), owner.id()).conversations();
        assertEquals(
                Set.of(mine, sharedWithMe),
                export.stream().map(x -> x.view().conversation().id()).collect(java.util.stream.Collectors.toSet()));
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
        assertEquals("403", outcome(() -> service.export().exportAll(as(administrator, ADMIN), owner.id())));
    }

    static String lines(String all, String needle) {
        return all.lines().filter(l -> l.contains(needle)).reduce("", (a, b) -> a + b + "\n");
    }
}
