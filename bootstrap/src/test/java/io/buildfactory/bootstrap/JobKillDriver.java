package io.buildfactory.bootstrap;

import io.buildfactory.application.jobs.JobHandler;
import io.buildfactory.application.jobs.JobWorkerPool;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.domain.jobs.RetryPolicy;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DatabaseSettings;
import io.buildfactory.persistence.jobs.JooqJobRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Run in a child JVM by {@link JobKillTest}: a worker that claims a job, says so, and then hangs in it. */
public final class JobKillDriver {

    static final Duration CLAIM = Duration.ofSeconds(3);

    private JobKillDriver() {}

    public static void main(String[] args) throws InterruptedException {
        Database db = Database.open(DatabaseSettings.fromUrl(args[0], 2));
        var sink = new BufferedTelemetrySink(
                new JooqTelemetryRepository(db, Clock.systemUTC(), IdGenerator.secure(Clock.systemUTC())),
                Clock.systemUTC(),
                BufferedTelemetrySink.Settings.DEFAULT);
        JobHandler hang = JobHandler.of("kill.work", job -> {
            System.out.println("started " + job.id());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
            return Optional.empty();
        });
        new JobWorkerPool(
                "child",
                new JooqJobRepository(db),
                List.of(hang),
                new TelemetryEnvelopes(sink, new IdGenerator(Clock.systemUTC(), new SecureRandom()), Clock.systemUTC()),
                Clock.systemUTC(),
                new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(200)),
                new SecureRandom(),
                new JobWorkerPool.Settings(1, CLAIM, Duration.ofMillis(20), Duration.ofSeconds(1)));
        Thread.sleep(Long.MAX_VALUE);
    }
}
