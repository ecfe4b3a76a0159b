package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.User;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/**
 * The principals' version moves after a committed change and never for a rollback; on PostgreSQL others' changes
 * are heard too ({@link ChangeFeedOnPostgresqlTest}).
 */
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
        return session(db.database(), fixtures);
    }

    /** A user with a valid session, both stored. */
    static Session session(Database database, Fixtures fixtures) {
        User user = fixtures.user();
        new JooqUserRepository(database).insert(user);
        Session session = fixtures.session(user.id(), Fixtures.NOW, Duration.ofMinutes(30), Duration.ofHours(12));
        new JooqSessionRepository(database).insert(session);
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
}
