package io.buildfactory.benchmarks;

import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sustained ingest (emit → committed row) through the buffered sink, beside the same rows inserted one
 * transaction per event through plain JDBC; and emit() latency on the caller's thread while the writer is saturated.
 */
final class TelemetryBenchmarks {

    private TelemetryBenchmarks() {}

    static void ingest(String target, int events, int jdbcEvents) throws Exception {
        TelemetryEvent[] batch = Events.make(events);
        try (BenchDatabase db = BenchDatabase.open(target)) {
            AtomicLong committed = new AtomicLong();
            BufferedTelemetrySink sink = new BufferedTelemetrySink(
                    new JooqTelemetryRepository(db.database, Bench.CLOCK, IdGenerator.secure(Bench.CLOCK)),
                    Bench.CLOCK,
                    new BufferedTelemetrySink.Settings(
                            262_144, 32_768, 2_000, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                    b -> committed.addAndGet(b.size()));
            long start = System.nanoTime();
            for (TelemetryEvent e : batch) {
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
            System.out.printf(
                    "%s sink ingest: %,d events in %.1f s = %,.0f events/s (written %,d, dropped %,d, rejected %,d)%n",
                    db.name, events, seconds, events / seconds, stats.written(), stats.dropped(), stats.rejected());

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
