package io.buildfactory.persistence.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.port.in.TelemetryCounts;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.telemetry.EventType;
import io.buildfactory.domain.telemetry.IngestionWarning;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DatabaseSettings;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.OnBothEngines;
import io.buildfactory.persistence.testing.TcpProxy;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sink against real faults: a row the database refuses (permanent: isolated and rejected, the rest written)
 * and the database going away and coming back (transient: retried, nothing lost).
 */
class TelemetrySinkFaultsTest extends OnBothEngines {

    static final BufferedTelemetrySink.Settings SETTINGS =
            new BufferedTelemetrySink.Settings(10_000, 10_000, 500, Duration.ofMillis(200), Duration.ofSeconds(5));

    final IdGenerator ids = new IdGenerator(Clock.systemUTC(), new Random(11));
    final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    final Logger sinkLog = Logger.getLogger(BufferedTelemetrySink.class.getName());
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeEach
    void captureLog() {
        sinkLog.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        sinkLog.removeHandler(capture);
    }

    TelemetryEvent event(String payload) {
        return new TelemetryEvent(
                new TelemetryEventId(ids.next()),
                new EventType("action.fault-test.tick"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "fault-test",
                Clock.systemUTC().instant(),
                1,
                payload);
    }

    List<TelemetryEvent> good(int n) {
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(event("{\"n\":" + i + "}"));
        }
        return events;
    }

    long rows(Database database) {
        return database.dsl().fetchCount(io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS);
    }

    @Test
    void a_refused_event_in_the_middle_of_a_batch_is_rejected_alone_and_nothing_stalls_behind_it() {
        JooqTelemetryRepository repository =
                new JooqTelemetryRepository(db.database(), Clock.systemUTC(), IdGenerator.secure(Clock.systemUTC()));
        List<TelemetryEvent> batch = good(200);
        TelemetryEvent broken = event("{\"not json"); // both databases refuse it: json_valid, jsonb
        batch.set(100, broken);
        // PostgreSQL refuses the NUL escape in jsonb; SQLite stores it (the HTTP door refuses it for both).
        TelemetryEvent nul = event("{\"note\":\"a\\u0000b\"}");
        batch.set(150, nul);
        try (BufferedTelemetrySink sink = new BufferedTelemetrySink(repository, Clock.systemUTC(), SETTINGS)) {
            assertTrue(sink.offerAll(batch));
            List<TelemetryEvent> after = good(300);
            after.forEach(sink::emit);
            assertTrue(
                    sink.flush(Duration.ofSeconds(30)),
                    () -> "the writer went on past the refused events: " + sink.stats() + " " + messages());

            int refusedHere = engine == Engine.POSTGRESQL ? 2 : 1;
            TelemetryCounts counts = sink.stats();
            assertEquals(500 - refusedHere, counts.written());
            assertEquals(500 - refusedHere, rows(db.database()));
            assertEquals(refusedHere, counts.rejectedByReason().get("refused-by-database"));
            assertTrue(repository.findById(broken.id()).isEmpty());
            assertTrue(repository.findById(after.getLast().id()).isPresent());
            assertEquals(engine == Engine.SQLITE, repository.findById(nul.id()).isPresent());
            assertEquals(0, counts.dropped());
            sink.close();

            List<IngestionWarning> warnings = repository.recentWarnings(10);
            assertTrue(
                    warnings.stream()
                            .anyMatch(w -> w.reason().equals("refused-by-database")
                                    && w.eventId()
                                            .equals(Optional.of(broken.id().toString()))
                                    && w.eventType().equals(Optional.of("action.fault-test.tick"))),
                    warnings.toString());
        }
        long warned = logged.stream()
                .filter(r -> r.getLevel() == Level.WARNING && r.getMessage().contains("refused"))
                .count();
        assertEquals(1, warned, "one warning for the burst, not one per event: " + messages());
    }

    @Test
    void the_database_going_away_and_coming_back_loses_nothing_and_says_so_once() throws Exception {
        try (Outage outage = engine == Engine.POSTGRESQL ? new ProxyOutage() : new LockedFileOutage()) {
            JooqTelemetryRepository repository = new JooqTelemetryRepository(
                    outage.database(), Clock.systemUTC(), IdGenerator.secure(Clock.systemUTC()));
            try (BufferedTelemetrySink sink = new BufferedTelemetrySink(repository, Clock.systemUTC(), SETTINGS)) {
                good(100).forEach(sink::emit);
                assertTrue(sink.flush(Duration.ofSeconds(10)));

                outage.begin();
                List<TelemetryEvent> during = good(200);
                during.forEach(sink::emit);
                assertTrue(sink.offerAll(good(50)), "a batch that fits is taken even while the database is away");
                // the stall shows as failed attempts and as the age of the oldest queued event
                waitFor(
                        () -> sink.stats().writeFailures() >= 1
                                && sink.stats().oldestQueuedAge().compareTo(Duration.ofSeconds(1)) > 0,
                        Duration.ofSeconds(30));
                assertEquals(100, sink.stats().written(), "nothing written while the database is away");

                outage.end();
                assertTrue(sink.flush(Duration.ofSeconds(30)), "the writer resumed by itself");
                TelemetryCounts back = sink.stats();
                assertEquals(350, back.written());
                assertEquals(0, back.dropped() + back.rejected(), "a transient fault rejects nothing: " + back);
                assertEquals(350, rows(db.database()));
            }
        }
        List<String> warnings = logged.stream()
                .filter(r -> r.getLevel() == Level.WARNING)
                .map(LogRecord::getMessage)
                .toList();
        assertEquals(1, warnings.size(), "one warning when the writer starts failing: " + messages());
        assertTrue(warnings.getFirst().contains("cannot write"), warnings.getFirst());
        assertTrue(
                logged.stream().anyMatch(r -> r.getMessage().contains("recovered")),
                messages().toString());
    }

    List<String> messages() {
        return logged.stream().map(r -> r.getLevel() + " " + r.getMessage()).toList();
    }

    static void waitFor(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting");
            Thread.sleep(20);
        }
    }

    /** A way for the database to be away for a while. */
    interface Outage extends AutoCloseable {
        Database database();

        void begin() throws SQLException;

        void end() throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** PostgreSQL behind a proxy that is cut: connections drop and new ones are refused. */
    final class ProxyOutage implements Outage {
        final TcpProxy proxy;
        final Database database;

        ProxyOutage() {
            DatabaseSettings direct = db.settings();
            URI url = URI.create(direct.url().substring("jdbc:".length()));
            proxy = new TcpProxy(url.getHost(), url.getPort());
            String viaProxy = direct.url().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            database = Database.open(new DatabaseSettings(viaProxy, direct.user(), direct.password(), 2));
        }

        public Database database() {
            return database;
        }

        public void begin() {
            proxy.cut();
        }

        public void end() {
            proxy.restore();
        }

        public void close() {
            database.close();
            proxy.close();
        }
    }

    /** SQLite whose file another process holds under an exclusive lock: every write times out busy. */
    final class LockedFileOutage implements Outage {
        Connection holder;

        public Database database() {
            return db.database();
        }

        public void begin() throws SQLException {
            holder = db.rawConnection();
            try (Statement statement = holder.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
            }
        }

        public void end() throws SQLException {
            try (Statement statement = holder.createStatement()) {
                statement.execute("ROLLBACK");
            }
            holder.close();
        }

        public void close() throws SQLException {
            if (holder != null && !holder.isClosed()) {
                holder.close();
            }
        }
    }
}
