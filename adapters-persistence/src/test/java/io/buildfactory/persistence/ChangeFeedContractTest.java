package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.User;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The principals' version moves after a committed change, never for a rollback, and on PostgreSQL for others' too. */
class ChangeFeedContractTest extends OnBothEngines {

    long version() {
        return live(() -> db.database().changes().version(ChangeFeed.Topic.PRINCIPALS));
    }

    static long live(LongSupplier version) {
        Instant deadline = Instant.now().plusSeconds(10);
        long v;
        while ((v = version.getAsLong()) == ChangeFeed.UNKNOWN) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the change feed did not start listening within 10 s");
            }
            Thread.onSpinWait();
        }
        return v;
    }

    static long movedFrom(long before, LongSupplier version) {
        Instant deadline = Instant.now().plusSeconds(5);
        long v;
        while ((v = version.getAsLong()) == before || v == ChangeFeed.UNKNOWN) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("the version did not move within 5 s");
            }
            Thread.onSpinWait();
        }
        return v;
    }

    Session session() {
        User user = fixtures.user();
        new JooqUserRepository(db.database()).insert(user);
        Session session = fixtures.session(user.id(), Fixtures.NOW, Duration.ofMinutes(30), Duration.ofHours(12));
        new JooqSessionRepository(db.database()).insert(session);
        return session;
    }

    @Test
    void a_committed_logout_moves_the_version_before_the_writer_returns_and_a_rollback_does_not() {
        Session session = session();
        JooqSessionRepository sessions = new JooqSessionRepository(db.database());
        long before = version();
        assertThrows(
                IllegalStateException.class,
                () -> db.database().transaction(() -> {
                    sessions.end(session.id(), Fixtures.NOW, SessionEndReason.LOGOUT);
                    throw new IllegalStateException("fault after the write");
                }));
        if (engine == Engine.SQLITE) {
            assertEquals(before, version(), "nothing committed, nothing moved");
        }
        long afterRollback = version();
        sessions.end(session.id(), Fixtures.NOW, SessionEndReason.LOGOUT);
        assertNotEquals(afterRollback, version(), "moved by the time end() returned");
    }

    @Test
    void a_touch_changes_no_one_s_rights_and_moves_nothing() {
        Session session = session();
        long before = version();
        new JooqSessionRepository(db.database()).touch(session.id(), Fixtures.NOW, Fixtures.NOW.plusSeconds(60));
        assertEquals(before, version());
    }

    @Test
    void on_postgresql_a_change_by_another_server_or_by_hand_is_heard() throws Exception {
        // one process serves a SQLite file: its own commits are all there is to hear
        assumeTrue(engine == Engine.POSTGRESQL, "PostgreSQL only: other servers share a PostgreSQL database");
        Session session = session();
        try (Database other = Database.open(db.settings())) {
            long before = version();
            new JooqSessionRepository(other).end(session.id(), Fixtures.NOW, SessionEndReason.LOGOUT);
            long afterOther = movedFrom(before, this::version);
            try (Connection raw = db.rawConnection();
                    Statement statement = raw.createStatement()) {
                statement.execute("DELETE FROM user_roles");
            }
            movedFrom(afterOther, this::version);
        }
    }

    @Test
    void on_postgresql_a_lost_listening_connection_serves_nothing_from_memory_until_it_is_back() throws Exception {
        assumeTrue(engine == Engine.POSTGRESQL, "PostgreSQL only: SQLite has no listening connection");
        long before = version();
        try (Connection raw = db.rawConnection();
                Statement statement = raw.createStatement()) {
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE application_name = 'build-factory change feed' AND datname = current_database()");
        }
        Instant deadline = Instant.now().plusSeconds(5);
        while (db.database().changes().live() && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        assertEquals(ChangeFeed.UNKNOWN, db.database().changes().version(ChangeFeed.Topic.PRINCIPALS));
        long after = version(); // back, and moved: what was heard before may have missed changes
        assertTrue(after > before, before + " then " + after);
    }
}
