package io.buildfactory.persistence.schema;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.identity.EmailAddress;
import io.buildfactory.domain.identity.RoleName;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.Vendor;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.conversations.JooqConversationRepository;
import io.buildfactory.persistence.conversations.JooqExchangeRepository;
import io.buildfactory.persistence.identity.JooqRoleRepository;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.TestDatabase;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each finder's real SQL, captured as it runs, is explained by the database: the plan must use the index
 * built for it. PostgreSQL is told to avoid sequential scans, since on tiny tables it would rightly prefer them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class IndexUsageTest {

    @Parameter
    Engine engine;

    record Statement(String sql, List<Object> binds) {}

    final List<Statement> captured = new ArrayList<>();
    TestDatabase db;
    Database database;
    Repositories repos;

    record Repositories(
            JooqUserRepository users,
            JooqSessionRepository sessions,
            JooqRoleRepository roles,
            JooqConversationRepository conversations,
            JooqExchangeRepository exchanges,
            JooqAuditRepository audit,
            JooqTelemetryRepository telemetry) {}

    @BeforeEach
    void open() {
        db = TestDatabase.migrated(engine);
        ExecuteListener recorder = new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                captured.add(new Statement(
                        ctx.sql(), ctx.query() == null ? List.of() : ctx.query().getBindValues()));
            }
        };
        database = Database.open(db.settings(), recorder);
        Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
        repos = new Repositories(
                new JooqUserRepository(database),
                new JooqSessionRepository(database),
                new JooqRoleRepository(database, clock),
                new JooqConversationRepository(database),
                new JooqExchangeRepository(database),
                new JooqAuditRepository(database, clock),
                new JooqTelemetryRepository(database, clock, IdGenerator.secure(clock)));
        seed();
    }

    /**
     * Realistic statistics for sessions, the one table with several indexes a finder could use: many users with
     * a few sessions each, some ended. On an empty table PostgreSQL's estimates tie and it may pick any of them.
     */
    private void seed() {
        Fixtures fixtures = new Fixtures();
        database.transaction(() -> {
            for (int u = 0; u < 100; u++) {
                var user = fixtures.user();
                repos.users().insert(user);
                for (int s = 0; s < 5; s++) {
                    var session = fixtures.session(
                            user.id(),
                            Fixtures.NOW.minusSeconds(3600L * s),
                            java.time.Duration.ofMinutes(30),
                            java.time.Duration.ofHours(12));
                    repos.sessions().insert(session);
                    if (s % 2 == 0) {
                        repos.sessions()
                                .end(
                                        session.id(),
                                        Fixtures.NOW,
                                        io.buildfactory.domain.identity.SessionEndReason.LOGOUT);
                    }
                }
            }
            return null;
        });
        database.dsl().execute("ANALYZE sessions");
    }

    @AfterEach
    void close() {
        database.close();
        db.close();
    }

    static final String ID = "01JQ0000000000000000000001";

    static Stream<Arguments> finders() {
        return Stream.of(
                finder(
                        "users.findByEmail",
                        r -> r.users().findByEmail(new EmailAddress("a@example.com")),
                        "users_email_canonical_key"),
                finder("users.findById", r -> r.users().findById(UserId.parse(ID)), "users"),
                finder(
                        "users.findLink",
                        r -> r.users().findLink("github", "42"),
                        "identity_links_provider_subject_key"),
                finder("users.linksOf", r -> r.users().linksOf(UserId.parse(ID)), "identity_links_user_id_idx"),
                finder(
                        "sessions.findByTokenHash",
                        r -> r.sessions().findByTokenHash(TokenHash.of("t")),
                        "sessions_token_hash_key"),
                finder(
                        "sessions.validSessionsOf",
                        r -> r.sessions().validSessionsOf(UserId.parse(ID), Fixtures.NOW),
                        "sessions_user_open_idx"),
                finder(
                        "sessions.findExpired",
                        r -> r.sessions().findExpired(Fixtures.NOW, 100),
                        "sessions_open_idle_expiry_idx"),
                finder(
                        "sessions.deleteEndedBefore",
                        r -> r.sessions().deleteEndedBefore(Fixtures.NOW, 100),
                        "sessions_ended_at_idx"),
                finder("roles.findByName", r -> r.roles().findByName(new RoleName("maintainer")), "roles_name_key"),
                finder(
                        "exchanges.count",
                        r -> r.exchanges().count(ConversationId.parse(ID)),
                        "exchange_records_conversation_sequence_key"),
                finder(
                        "audit.find by action prefix",
                        r -> r.audit()
                                .find(
                                        new AuditQuery(
                                                Optional.empty(),
                                                Optional.of("work-item."),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "audit_events_action_idx"),
                finder(
                        "telemetry.find by user",
                        r -> r.telemetry()
                                .find(
                                        new TelemetryQuery(
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.of(UserId.parse(ID)),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "telemetry_events_user_idx"),
                finder("roles.permissionsOf", r -> r.roles().permissionsOf(UserId.parse(ID)), "user_roles"),
                finder(
                        "conversations.ownedBy",
                        r -> r.conversations().ownedBy(UserId.parse(ID)),
                        "conversations_owner_id_idx"),
                finder(
                        "conversations.listFor",
                        r -> r.conversations().listFor(UserId.parse(ID), PageRequest.first(20)),
                        "conversation_participants_user_id_idx"),
                finder(
                        "conversations.history",
                        r -> r.conversations().history(ConversationId.parse(ID), PageRequest.first(20)),
                        "conversation_history_conversation_id_idx"),
                finder(
                        "exchanges.page",
                        r -> r.exchanges()
                                .page(
                                        ConversationId.parse(ID),
                                        PageRequest.first(20).next("40")),
                        "exchange_records_conversation_sequence_key"),
                finder("audit.head", r -> r.audit().head(), "audit_events_sequence_key"),
                finder(
                        "audit.find by actor",
                        r -> r.audit()
                                .find(
                                        new AuditQuery(
                                                Optional.of("alice"),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "audit_events_actor_idx"),
                finder(
                        "audit.find by correlation",
                        r -> r.audit()
                                .find(
                                        new AuditQuery(
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.of("c-1")),
                                        PageRequest.first(20)),
                        "audit_events_correlation_idx"),
                finder(
                        "telemetry.find by type prefix",
                        r -> r.telemetry()
                                .find(
                                        new TelemetryQuery(
                                                Optional.of("action.auth."),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "telemetry_events_type_idx"),
                finder(
                        "telemetry.find by correlation",
                        r -> r.telemetry()
                                .find(
                                        new TelemetryQuery(
                                                Optional.empty(),
                                                Optional.of("c-1"),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty(),
                                                Optional.empty()),
                                        PageRequest.first(20)),
                        "telemetry_events_correlation_idx"),
                finder(
                        "telemetry.deleteOlderThan",
                        r -> r.telemetry().deleteOlderThan(Fixtures.NOW, 100),
                        "telemetry_events_occurred_at_idx"));
    }

    static Arguments finder(String name, Consumer<Repositories> call, String index) {
        return Arguments.of(name, call, index);
    }

    @ParameterizedTest(name = "{0} uses {2}")
    @MethodSource("finders")
    void finder_uses_its_index(String name, Consumer<Repositories> call, String index) {
        captured.clear();
        call.accept(repos);
        assertTrue(!captured.isEmpty() && captured.size() <= 2, name + " runs one or two statements: " + captured);
        String plan = captured.stream().map(this::explain).reduce("", String::concat);
        String expected = expectedName(index);
        assertTrue(plan.contains(expected), name + " should use " + expected + ", plan was:\n" + plan);
    }

    /** A table name stands for its primary key, which the two databases name differently. */
    private String expectedName(String index) {
        if (index.endsWith("_key") || index.endsWith("_idx")) {
            return index;
        }
        return engine == Engine.SQLITE ? "sqlite_autoindex_" + index + "_1" : index + "_pkey";
    }

    private String explain(Statement statement) {
        return db.database().transaction(() -> {
            var dsl = db.database().dsl();
            if (db.vendor() == Vendor.POSTGRESQL) {
                dsl.execute("SET LOCAL enable_seqscan = off");
            }
            String prefix = db.vendor() == Vendor.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
            return dsl.fetch(prefix + statement.sql(), statement.binds().toArray()).stream()
                    .map(r -> r.get(r.size() - 1, String.class))
                    .reduce("", (a, b) -> a + b + "\n");
        });
    }
}
