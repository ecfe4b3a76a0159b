package io.buildfactory.benchmarks;

import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Sustained ingest (emit → committed row) through the buffered sink, beside the same rows inserted one
 * transaction per event through plain JDBC; and emit() latency on the caller's thread while the writer is saturated.
 */
final class TelemetryBenchmarks {

    private TelemetryBenchmarks() {}

    static void ingest(String target, int events, int jdbcEvents) throws Exception {
        TelemetryEvent[] batch = Events.make(events);
        try (BenchDatabase db = BenchDatabase.open(target)) {
            double rate = sinkIngest(db, batch); // every event written, or it throws
            System.out.printf(
                    "%s sink ingest: %,d events in %.1f s = %,.0f events/s, all written%n",
                    db.name, events, events / rate, rate);

            long jdbcStart = System.nanoTime();
            try (Connection c = db.rawConnection()) {
                c.setAutoCommit(false);
                boolean pg = db.name.equals("PostgreSQL");
                String sql = "INSERT INTO telemetry_events (id, event_type, session_id, correlation_id, occurred_at, "
                        + "schema_version, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, " + (pg ? "?::jsonb" : "?")
                        + ", ?)";
                TelemetryEvent[] plain = Events.make(jdbcEvents);
                try (PreparedStatement insert = c.prepareStatement(sql)) {
                    for (TelemetryEvent e : plain) {
                        insert.setString(1, e.id().toString());
                        insert.setString(2, e.eventType().value());
                        insert.setString(3, e.sessionId().orElse(null));
                        insert.setString(4, e.correlationId());
                        Object at = pg
                                ? Timestamp.from(e.timestamp())
                                : e.timestamp().toString();
                        insert.setObject(5, at);
                        insert.setInt(6, 1);
                        insert.setString(7, e.payloadJson());
                        insert.setObject(8, at);
                        insert.executeUpdate();
                        c.commit();
                    }
                }
            }
            double jdbcSeconds = (System.nanoTime() - jdbcStart) / 1e9;
            System.out.printf(
                    "%s plain JDBC, one transaction per event: %,d events in %.1f s = %,.0f events/s%n",
                    db.name, jdbcEvents, jdbcSeconds, jdbcEvents / jdbcSeconds);
        }
    }

    /**
     * The {@code telemetry} suite: {@code count} events through the buffered sink (emit to committed row), beside
     * the same rows loaded by the database's own bulk tool into a fresh database of the same schema in the same
     * run: the sqlite3 shell's {@code .import} in one transaction, or {@code psql}'s {@code \\copy}.
     */
    static List<Measure> suite(String target, int count) throws Exception {
        TelemetryEvent[] events = Events.make(count);
        String engine;
        double ours;
        try (BenchDatabase db = BenchDatabase.open(target)) {
            engine = db.name;
            ours = sinkIngest(db, events);
        }
        Path dir = Files.createTempDirectory("bf-bench-rows-");
        Path csv = dir.resolve("rows.csv");
        writeCsv(events, csv);
        double reference;
        try (BenchDatabase db = BenchDatabase.open(target)) {
            long start = System.nanoTime();
            if (target.equals("sqlite")) {
                String file = db.settings.url().substring("jdbc:sqlite:".length());
                Bench.run(
                        List.of("sqlite3", file),
                        "PRAGMA synchronous=FULL;\n.mode csv\nBEGIN;\n.import " + csv + " telemetry_events\nCOMMIT;\n",
                        Map.of());
            } else {
                Bench.psql(
                        db,
                        "\\copy telemetry_events (id, event_type, session_id, user_id, product_id, correlation_id,"
                                + " occurred_at, schema_version, payload, created_at) FROM '" + csv
                                + "' WITH (FORMAT csv)");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            reference = count / seconds;
            try (Connection c = db.rawConnection();
                    var r = c.createStatement().executeQuery("SELECT count(*) FROM telemetry_events")) {
                r.next();
                if (r.getLong(1) != count) {
                    throw new IllegalStateException("the reference loaded " + r.getLong(1) + " rows of " + count);
                }
            }
        } finally {
            Files.deleteIfExists(csv);
            Files.deleteIfExists(dir);
        }
        String tool = target.equals("sqlite") ? "the sqlite3 shell's .import, one transaction" : "psql \\copy";
        return List.of(Measure.beside(
                        engine, "telemetry sink ingest, events/s (ref: " + tool + ", same rows)", ours, reference)
                .print("events/s"));
    }

    /** Events per second from the first emit to the last row committed. */
    private static double sinkIngest(BenchDatabase db, TelemetryEvent[] events) {
        BufferedTelemetrySink sink = new BufferedTelemetrySink(
                new JooqTelemetryRepository(db.database, Bench.CLOCK, IdGenerator.secure(Bench.CLOCK)),
                Bench.CLOCK,
                new BufferedTelemetrySink.Settings(
                        262_144, 32_768, 2_000, Duration.ofSeconds(1), Duration.ofSeconds(30)));
        long start = System.nanoTime();
        for (TelemetryEvent e : events) {
            while (sink.stats().queued() > 200_000) {
                Thread.onSpinWait(); // keep the queue from overflowing: measure throughput, not drops
            }
            sink.emit(e);
        }
        if (!sink.flush(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the sink did not finish");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        var stats = sink.stats();
        sink.close();
        if (stats.written() != events.length) {
            throw new IllegalStateException("the sink wrote " + stats.written() + " of " + events.length);
        }
        return events.length / seconds;
    }

    private static void writeCsv(TelemetryEvent[] events, Path csv) throws Exception {
        String received = Bench.CLOCK.instant().toString();
        try (var out = Files.newBufferedWriter(csv)) {
            for (TelemetryEvent e : events) {
                out.write(String.join(
                        ",",
                        e.id().toString(),
                        e.eventType().value(),
                        quoted(e.sessionId().orElse(null)),
                        quoted(e.userId().map(Object::toString).orElse(null)),
                        quoted(e.productId().orElse(null)),
                        quoted(e.correlationId()),
                        e.timestamp().toString(),
                        String.valueOf(e.schemaVersion()),
                        quoted(e.payloadJson()),
                        received));
                out.write('\n');
            }
        }
    }

    /** A CSV field: quoted, its quotes doubled; empty (a NULL to psql) when absent. */
    private static String quoted(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /**
     * @param capacity the queue size: small, and most emits meet a full queue (the drop path); at least
     *                 {@code events}, and every emit enqueues while the writer works flat out
     */
    static void emitLatency(String target, int events, int capacity) throws Exception {
        TelemetryEvent[] batch = Events.make(events);
        try (BenchDatabase db = BenchDatabase.open(target)) {
            BufferedTelemetrySink sink = new BufferedTelemetrySink(
                    new JooqTelemetryRepository(db.database, Bench.CLOCK, IdGenerator.secure(Bench.CLOCK)),
                    Bench.CLOCK,
                    new BufferedTelemetrySink.Settings(
                            capacity, 32_768, 2_000, Duration.ofSeconds(1), Duration.ofSeconds(120)));
            long[] nanos = new long[events];
            for (int i = 0; i < events; i++) {
                long t0 = System.nanoTime();
                sink.emit(batch[i]);
                nanos[i] = System.nanoTime() - t0;
            }
            var stats = sink.stats();
            sink.close();
            System.out.printf(
                    "%s emit() latency, queue of %,d, %,d emits with the writer saturated " + "(%,d dropped): %s%n",
                    db.name, capacity, events, stats.dropped(), Events.percentiles(nanos));
        }
    }
}
