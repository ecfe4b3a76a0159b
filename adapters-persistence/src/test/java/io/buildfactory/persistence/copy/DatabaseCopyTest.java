package io.buildfactory.persistence.copy;

import static io.buildfactory.persistence.jooq.Tables.AUDIT_EVENTS;
import static io.buildfactory.persistence.jooq.Tables.CONVERSATIONS;
import static io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS;
import static io.buildfactory.persistence.jooq.Tables.USERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditEventId;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.audit.AuditRecord;
import io.buildfactory.domain.identity.User;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.SameRows;
import io.buildfactory.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A copy from either database into PostgreSQL: values kept to the last microsecond and character, the snapshot's
 * rows and no others, and every way a copy can go wrong (a target in use, a copy broken off, a row that differs)
 * caught and said.
 */
@ParameterizedClass(name = "from {0}")
@EnumSource(Engine.class)
class DatabaseCopyTest {

    @Parameter
    Engine from;

    TestDatabase source;
    TestDatabase target;
    final Fixtures fixtures = new Fixtures();
    final Clock clock = Clock.fixed(Fixtures.NOW, ZoneOffset.UTC);
    final io.buildfactory.domain.shared.IdGenerator ids =
            new io.buildfactory.domain.shared.IdGenerator(clock, new java.util.Random(11));
    final List<User> users = new java.util.ArrayList<>();

    static final String LARGE = "large text ".repeat(20_000);
    static final String AWKWARD = "tab\there, new\nline, CR\r, back\\slash, \\N, \\., quote' \"; Überprüfung — 検証 ✓ 🚀";

    @BeforeEach
    void databases() {
        source = TestDatabase.migrated(from);
        target = TestDatabase.empty(Engine.POSTGRESQL);
        JooqUserRepository userRepository = new JooqUserRepository(source.database());
        for (int i = 0; i < 3; i++) {
            User user = fixtures.user();
            userRepository.insert(user);
            users.add(user);
        }
        DSLContext dsl = source.database().dsl();
        dsl.update(USERS)
                .set(USERS.DISPLAY_NAME, AWKWARD)
                .where(USERS.ID.eq(id(0)))
                .execute();
        dsl.update(USERS)
                .set(USERS.PASSWORD_HASH, LARGE)
                .where(USERS.ID.eq(id(1)))
                .execute();
        conversation(id(0), "legal hold", true, Instant.parse("0001-01-01T00:00:00Z"));
        conversation(id(1), AWKWARD.substring(0, 60), false, Instant.parse("9999-12-31T23:59:59.999999Z"));
        telemetry("{\"b\": 1.0, \"a\": [1e2, -0.50, 12345678901234567890.125], \"é\": \"\\u00e9 ✓\", \"n\": null,"
                + " \"nested\": {\"z\": true, \"y\": false}}");
        telemetry("{\"large\": \"" + LARGE + "\", \"tab\": \"a\\tb\\nc\\\\d\"}");
        JooqAuditRepository audit = new JooqAuditRepository(source.database(), clock);
        Optional<AuditEvent> previous = Optional.empty();
        for (int i = 0; i < 5; i++) {
            AuditEvent next = AuditEvent.chain(
                    new AuditRecord(
                            new AuditEventId(fixtures.id()),
                            Fixtures.NOW.plusNanos(1_000L * i),
                            "user:" + id(0),
                            "copy.tested",
                            Optional.of("user"),
                            Optional.of(id(i % 3)),
                            AuditOutcome.SUCCESS,
                            Optional.of("corr-" + i),
                            Optional.empty(),
                            Optional.of(AWKWARD),
                            new TreeMap<>(Map.of("n", Integer.toString(i), "text", AWKWARD))),
                    previous);
            audit.append(next);
            previous = Optional.of(next);
        }
    }

    @AfterEach
    void close() {
        source.close();
        target.close();
    }

    @Test
    void every_value_arrives_as_it_was_and_the_copy_says_so() {
        DatabaseCopy.Report report = copy().run(false, new DatabaseCopy.Listener() {});

        assertTrue(report.equal(), () -> report.mismatch().toString());
        assertEquals(
                CopiedTables.inForeignKeyOrder(target.database()).size(),
                report.tables().size(),
                "every table compared");
        assertEquals(
                List.of(),
                SameRows.differences(
                        source.database(),
                        target.database(),
                        List.of(USERS, CONVERSATIONS, TELEMETRY_EVENTS, AUDIT_EVENTS)));
        assertEquals(
                Instant.parse("0001-01-01T00:00:00Z"),
                target.database()
                        .dsl()
                        .select(CONVERSATIONS.CREATED_AT)
                        .from(CONVERSATIONS)
                        .where(CONVERSATIONS.LEGAL_HOLD.isTrue())
                        .fetchOne()
                        .value1(),
                "the earliest instant and a true boolean");
        assertTrue(DatabaseCopies.incomplete(target.database()).isPresent(), "marked until the caller completes it");
        copy().markComplete(report);
        assertEquals(Optional.empty(), DatabaseCopies.incomplete(target.database()));
    }

    @Test
    void the_copy_holds_the_snapshot_and_nothing_written_after_it_began() {
        DatabaseCopy.Report report = copy().run(false, new DatabaseCopy.Listener() {
            @Override
            public void planned(Map<String, Long> rowsByTable) {
                // the server keeps writing while the snapshot is open: not blocked, and not half-copied
                new JooqUserRepository(source.database()).insert(fixtures.user());
            }
        });

        assertTrue(report.equal(), () -> report.mismatch().toString());
        assertEquals(users.size(), target.database().dsl().fetchCount(USERS));
        assertEquals(users.size() + 1, source.database().dsl().fetchCount(USERS));
        assertEquals(
                users.size(),
                report.tables().stream()
                        .filter(t -> t.table().equals("users"))
                        .findFirst()
                        .orElseThrow()
                        .rows());
    }

    @Test
    void a_target_holding_data_is_refused_unless_forced_and_force_replaces_it() {
        copy().markComplete(copy().run(false, new DatabaseCopy.Listener() {}));
        var refused =
                assertThrows(DatabaseCopy.CopyRefused.class, () -> copy().run(false, new DatabaseCopy.Listener() {}));
        assertTrue(refused.getMessage().contains("users: 3 rows"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(3, target.database().dsl().fetchCount(USERS), "nothing was touched");

        new JooqUserRepository(source.database()).insert(fixtures.user());
        Map<String, Long> emptied = new TreeMap<>();
        DatabaseCopy.Report forced = copy().run(true, new DatabaseCopy.Listener() {
            @Override
            public void emptying(Map<String, Long> rowsByTable) {
                emptied.putAll(rowsByTable);
            }
        });
        assertTrue(forced.equal(), () -> forced.mismatch().toString());
        assertEquals(3L, emptied.get("users"), "--force says what it empties");
        assertEquals(5L, emptied.get("audit_events"), "the audit log's refusal of TRUNCATE does not stop it");
        assertEquals(4, target.database().dsl().fetchCount(USERS));
    }

    @Test
    void a_copy_broken_off_leaves_the_target_refused_and_a_forced_rerun_completes_it() {
        assertThrows(
                IllegalStateException.class,
                () -> copy().run(false, new DatabaseCopy.Listener() {
                    @Override
                    public void copied(String table, long rows, Duration took) {
                        if (table.equals("users")) {
                            throw new IllegalStateException("the copy is killed here");
                        }
                    }
                }));
        var incomplete = DatabaseCopies.incomplete(target.database()).orElseThrow();
        assertEquals(source.database().location(), incomplete.source());
        var refusal = assertThrows(
                DatabaseCopies.IncompleteCopyException.class,
                () -> DatabaseCopies.requireNoIncompleteCopy(target.database()));
        assertTrue(refusal.getMessage().contains("rerun"), refusal.getMessage());
        var rerun =
                assertThrows(DatabaseCopy.CopyRefused.class, () -> copy().run(false, new DatabaseCopy.Listener() {}));
        assertTrue(rerun.getMessage().contains("an incomplete copy of " + incomplete.source()), rerun.getMessage());

        DatabaseCopy.Report finished = copy().run(true, new DatabaseCopy.Listener() {});
        assertTrue(finished.equal(), () -> finished.mismatch().toString());
        copy().markComplete(finished);
        DatabaseCopies.requireNoIncompleteCopy(target.database());
    }

    @Test
    void a_row_that_differs_after_the_copy_is_named_by_table_key_and_column() {
        DatabaseCopy.Report report = copy().run(false, new DatabaseCopy.Listener() {
            @Override
            public void copied(String table, long rows, Duration took) {
                if (table.equals("users")) {
                    execute(target, "update users set display_name = 'tampered' where id = '" + id(2) + "'");
                }
            }
        });

        assertFalse(report.equal());
        DatabaseCopy.Mismatch mismatch = report.mismatch().orElseThrow();
        assertEquals("users", mismatch.table());
        assertEquals("id=" + id(2), mismatch.key());
        assertTrue(mismatch.what().contains("display_name"), mismatch.what());
        assertThrows(IllegalArgumentException.class, () -> copy().markComplete(report));
        assertTrue(DatabaseCopies.incomplete(target.database()).isPresent(), "a copy that differs stays incomplete");
    }

    @Test
    void a_target_that_is_not_postgresql_or_is_the_source_is_refused() {
        try (TestDatabase sqlite = TestDatabase.empty(Engine.SQLITE)) {
            var refused = assertThrows(
                    DatabaseCopy.CopyRefused.class,
                    () -> new DatabaseCopy(source.database(), sqlite.database(), clock, ids)
                            .run(false, new DatabaseCopy.Listener() {}));
            assertTrue(refused.getMessage().contains("PostgreSQL"), refused.getMessage());
        }
        if (from == Engine.POSTGRESQL) {
            var itself = assertThrows(
                    DatabaseCopy.CopyRefused.class,
                    () -> new DatabaseCopy(source.database(), source.database(), clock, ids)
                            .run(false, new DatabaseCopy.Listener() {}));
            assertTrue(itself.getMessage().contains("the source itself"), itself.getMessage());
        }
    }

    private DatabaseCopy copy() {
        return new DatabaseCopy(source.database(), target.database(), clock, ids);
    }

    private String id(int user) {
        return users.get(user).id().toString();
    }

    private void conversation(String owner, String title, boolean hold, Instant created) {
        source.database()
                .dsl()
                .insertInto(CONVERSATIONS)
                .set(CONVERSATIONS.ID, fixtures.id().toString())
                .set(CONVERSATIONS.OWNER_ID, owner)
                .set(CONVERSATIONS.TITLE, title)
                .set(CONVERSATIONS.CREATED_AT, created)
                .set(CONVERSATIONS.UPDATED_AT, Instant.parse("2026-11-22T10:15:30.000001Z"))
                .set(CONVERSATIONS.VERSION, 1L)
                .set(CONVERSATIONS.LEGAL_HOLD, hold)
                .set(CONVERSATIONS.EXCHANGE_COUNT, 0L)
                .execute();
    }

    private void telemetry(String payload) {
        source.database()
                .dsl()
                .insertInto(TELEMETRY_EVENTS)
                .set(TELEMETRY_EVENTS.ID, fixtures.id().toString())
                .set(TELEMETRY_EVENTS.EVENT_TYPE, "copy.tested")
                .set(TELEMETRY_EVENTS.CORRELATION_ID, "corr")
                .set(TELEMETRY_EVENTS.OCCURRED_AT, Instant.parse("2026-11-22T10:15:30.999999Z"))
                .set(TELEMETRY_EVENTS.SCHEMA_VERSION, 1)
                .set(TELEMETRY_EVENTS.PAYLOAD, JSONB.valueOf(payload))
                .set(TELEMETRY_EVENTS.CREATED_AT, Fixtures.NOW)
                .execute();
    }

    private static void execute(TestDatabase db, String sql) {
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new AssertionError(e);
        }
    }
}
