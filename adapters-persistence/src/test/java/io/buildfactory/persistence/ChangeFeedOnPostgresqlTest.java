package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On PostgreSQL the change feed also hears other servers and hand-made SQL, and stops trusting memory while its
 * listening connection is gone. (A SQLite file is served by one process: its own commits are all there is to
 * hear, and {@link ChangeFeedContractTest} covers them on both engines.)
 */
class ChangeFeedOnPostgresqlTest {

    TestDatabase db;
    final Fixtures fixtures = new Fixtures();

    @BeforeEach
    void open() {
        db = TestDatabase.migrated(Engine.POSTGRESQL);
    }

    @AfterEach
    void close() {
        db.close();
    }

    long version() {
        return ChangeFeedContractTest.live(() -> db.database().changes().version(ChangeFeed.Topic.PRINCIPALS));
    }

    long movedFrom(long before) {
        return ChangeFeedContractTest.movedFrom(before, this::version);
    }

    Session session() {
        return ChangeFeedContractTest.session(db.database(), fixtures);
    }

    @Test
    void on_postgresql_a_change_by_another_server_or_by_hand_is_heard() throws Exception {
        Session session = session();
        try (Database other = Database.open(db.settings())) {
            long before = version();
            new JooqSessionRepository(other).end(session.id(), Fixtures.NOW, SessionEndReason.LOGOUT);
            long afterOther = movedFrom(before);
            try (Connection raw = db.rawConnection();
                    Statement statement = raw.createStatement()) {
                statement.execute("DELETE FROM user_roles");
            }
            movedFrom(afterOther);
        }
    }

    @Test
    void on_postgresql_a_lost_listening_connection_serves_nothing_from_memory_until_it_is_back() throws Exception {
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

    @Test
    void every_table_the_work_pages_read_notifies_every_server_and_a_change_by_another_is_heard() throws Exception {
        java.util.Set<String> notifying = new java.util.TreeSet<>();
        try (Connection raw = db.rawConnection();
                Statement statement = raw.createStatement();
                java.sql.ResultSet r = statement.executeQuery("SELECT DISTINCT event_object_table FROM"
                        + " information_schema.triggers WHERE trigger_name LIKE '%\\_work\\_changed'"
                        + " AND trigger_schema = current_schema()")) {
            while (r.next()) {
                notifying.add(r.getString(1));
            }
        }
        assertEquals(new java.util.TreeSet<>(ChangeFeed.Topic.WORK.tables()), notifying, "V20 and the topic agree");

        long before = ChangeFeedContractTest.live(() -> db.database().version(ChangeFeed.Topic.WORK));
        try (Database other = Database.open(db.settings())) {
            new io.buildfactory.persistence.projects.JooqProjectRepository(other).insert(fixtures.project("ELSE"));
        }
        ChangeFeedContractTest.movedFrom(before, () -> db.database().version(ChangeFeed.Topic.WORK));
    }

    @Test
    void a_stuck_listener_trusts_nothing_it_keeps_and_writers_stop_waiting_for_it() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stuck = new java.util.concurrent.atomic.AtomicBoolean();
        ChangeFeed feed = ChangeFeed.listening(() -> stallable(Database.listeningConnection(db.settings()), stuck));
        try {
            long before = ChangeFeedContractTest.live(() -> feed.version(ChangeFeed.Topic.PRINCIPALS));
            ChangeFeedContractTest.live(() -> db.database().version(ChangeFeed.Topic.PRINCIPALS));
            stuck.set(true); // its next probe hangs, as in a paused process
            Thread.sleep(ChangeFeed.STALL.toMillis() * 2 + 500);
            assertEquals(ChangeFeed.UNKNOWN, feed.version(ChangeFeed.Topic.PRINCIPALS), "stuck: nothing from memory");

            long start = System.nanoTime();
            db.database().transaction(ChangeFeed.Topic.PRINCIPALS, () -> null);
            long waitedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(
                    waitedMillis < ChangeFeed.ECHO_TIMEOUT.toMillis(),
                    "a writer does not wait out the timeout for a stuck server: " + waitedMillis + " ms");

            stuck.set(false);
            long after = ChangeFeedContractTest.movedFrom(before, () -> feed.version(ChangeFeed.Topic.PRINCIPALS));
            assertTrue(after > before, "caught up, it trusts its memory again, with the change heard");
        } finally {
            stuck.set(false);
            feed.close();
        }
    }

    /** {@code real}, except that its {@code SELECT 1} probes hang while {@code stuck} is set. */
    private static Connection stallable(Connection real, java.util.concurrent.atomic.AtomicBoolean stuck) {
        return (Connection) java.lang.reflect.Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    Object result = invoke(real, method, args);
                    if (method.getName().equals("createStatement")) {
                        Statement statement = (Statement) result;
                        return java.lang.reflect.Proxy.newProxyInstance(
                                Statement.class.getClassLoader(), new Class<?>[] {Statement.class}, (p, m, a) -> {
                                    if (m.getName().equals("execute") && "SELECT 1".equals(a[0])) {
                                        while (stuck.get()) {
                                            Thread.sleep(10);
                                        }
                                    }
                                    return invoke(statement, m, a);
                                });
                    }
                    return result;
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
