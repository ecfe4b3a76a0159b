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
import io.buildfactory.application.identity.ErasureService;
import io.buildfactory.application.projects.ProjectService;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.shared.port.out.ContentSealer;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.application.testing.MutableClock;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.conversations.ContentProtection;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.ParticipantRole;
import io.buildfactory.domain.conversations.RetentionScope;
import io.buildfactory.domain.conversations.SensitiveKind;
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
import io.buildfactory.persistence.JooqChangeVersions;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only storage shows about the conversation use cases, on both engines: concurrent appends take each sequence
 * number once, redacted and sealed values reach no table, a retention run leaves storage as it was when it has
 * nothing to do, and erasure leaves no trace of a user in any table or (SQLite) file. The rules themselves (who may
 * do what, states, retention's precedence, export) are {@code ConversationUseCasesTest} in application.
 */
class ConversationStorageTest extends OnBothEngines {

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
                        clock,
                        new JooqChangeVersions(db.database())),
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
    void sealed_values_reach_no_table_and_open_again_from_what_is_stored() {
        service = service(ContentProtection.Mode.ENCRYPT, Duration.ofDays(30));
        ConversationId id = shared("sealed");
        Exchange e = service.exchanges()
                .append(owner(), id, new NewExchange("agent-1", "mail ada.lovelace@example.org today"));
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        assertFalse(db.everything().contains("ada.lovelace@example.org"));
        Exchange revealed =
                service.exchanges().reveal(as(administrator, ADMIN), id, e.id(), Optional.of("legal request LR-12"));
        assertEquals("mail ada.lovelace@example.org today", revealed.requestContent(), "the stored token opens");
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
    void a_retention_run_purges_what_is_due_and_a_second_run_leaves_every_table_as_it_was() {
        Actor admin = as(administrator, ADMIN);
        ConversationId plain = started("plain", Optional.empty());
        ConversationId project = started("in BF", Optional.of("BF"));
        ConversationId held = started("held", Optional.empty());
        service.exchanges().append(owner(), plain, new NewExchange("agent-1", "hello"));
        retention.put(admin, RetentionScope.GLOBAL, null, Optional.of(30), Optional.empty());
        retention.put(admin, RetentionScope.PROJECT, "BF", Optional.of(90), Optional.empty());
        service.manage().legalHold(admin, held, true, Optional.of("litigation hold LH-3"));

        clock.set(t(31));
        EnforceRetentionUseCase.Run run = retention.enforce(100);
        assertEquals(1, run.purged());
        assertEquals(1, run.exchangesPurged());
        assertFalse(exists(plain));
        assertTrue(exists(project) && exists(held));
        assertEquals(
                Map.of("exchanges", "1", "historyEntries", "2", "participants", "1", "reason", "retention"),
                audit("conversation.purge").getLast().record().details());

        assertTrue(sink.flush(Duration.ofSeconds(10)));
        String before = db.everything();
        assertEquals(0, retention.enforce(100).purged(), "running again changes nothing");
        assertTrue(sink.flush(Duration.ofSeconds(10)));
        assertEquals(before, db.everything());
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

    static String lines(String all, String needle) {
        return all.lines().filter(l -> l.contains(needle)).reduce("", (a, b) -> a + b + "\n");
    }
}
