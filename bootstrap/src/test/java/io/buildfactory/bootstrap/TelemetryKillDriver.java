package io.buildfactory.bootstrap;

import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.telemetry.EventType;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DatabaseSettings;
import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a child JVM by {@link TelemetryKillTest}: emits events without end and prints, after each commit, how
 * many events the sink has confirmed committed. The parent kills it with SIGKILL mid-stream.
 */
public final class TelemetryKillDriver {

    private TelemetryKillDriver() {}

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(DatabaseSettings.fromUrl(args[0], 2));
        Migrations.of(db).migrate(Optional.empty());
        PrintStream out = System.out;
        AtomicLong committed = new AtomicLong();
        BufferedTelemetrySink sink = new BufferedTelemetrySink(
                new JooqTelemetryRepository(db, Clock.systemUTC(), IdGenerator.secure(Clock.systemUTC())),
                Clock.systemUTC(),
                new BufferedTelemetrySink.Settings(100_000, 32_768, 500, Duration.ofSeconds(1), Duration.ofSeconds(5)),
                batch -> {
                    long total = committed.addAndGet(batch.size());
                    synchronized (out) {
                        out.println("committed " + total);
                        out.flush();
                    }
                });
        IdGenerator ids = new IdGenerator(Clock.systemUTC(), new SecureRandom());
        for (long n = 0; ; n++) {
            sink.emit(new TelemetryEvent(
                    new TelemetryEventId(ids.next()),
                    new EventType("action.kill-test.tick"),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "kill-test",
                    Clock.systemUTC().instant(),
                    1,
                    "{\"n\":" + n + "}"));
            if (n % 200 == 0) {
                Thread.sleep(1); // a steady stream rather than a flood of drops
            }
        }
    }
}
