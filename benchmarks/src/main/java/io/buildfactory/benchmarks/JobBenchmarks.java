package io.buildfactory.benchmarks;

import io.buildfactory.application.jobs.JobHandler;
import io.buildfactory.application.jobs.JobWorkerPool;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.jobs.RetryPolicy;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.jobs.JooqJobRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** Jobs claimed and completed per second with a no-op handler. */
final class JobBenchmarks {

    private JobBenchmarks() {}

    static void throughput(String target, int count, int workers) throws Exception {
        try (BenchDatabase db = BenchDatabase.open(target)) {
            JooqJobRepository jobs = new JooqJobRepository(db.database);
            Clock clock = Bench.CLOCK;
            IdGenerator ids = Bench.ids(4);
            JooqTransactionRunner transactions = new JooqTransactionRunner(db.database);
            for (int done = 0; done < count; done += 1_000) {
                int chunk = Math.min(1_000, count - done);
                transactions.inTransaction(() -> {
                    for (int i = 0; i < chunk; i++) {
                        Instant now = clock.instant();
                        jobs.insert(Job.enqueue(new JobId(ids.next()), "noop", "{}", 0, now, 3, Optional.empty(), now));
                    }
                });
            }
            AtomicInteger handled = new AtomicInteger();
            JobHandler noop = JobHandler.of("noop", job -> {
                handled.incrementAndGet();
                return Optional.empty();
            });
            BufferedTelemetrySink sink = new BufferedTelemetrySink(
                    new JooqTelemetryRepository(db.database, Bench.CLOCK, IdGenerator.secure(Bench.CLOCK)),
                    Bench.CLOCK,
                    BufferedTelemetrySink.Settings.DEFAULT);
            long start = System.nanoTime();
            JobWorkerPool pool = new JobWorkerPool(
                    "bench",
                    jobs,
                    List.of(noop),
                    new TelemetryEnvelopes(sink, ids, Bench.CLOCK),
                    Bench.CLOCK,
                    RetryPolicy.DEFAULT,
                    new SplittableRandom(5),
                    new JobWorkerPool.Settings(
                            workers, Duration.ofSeconds(60), Duration.ofMillis(1), Duration.ofSeconds(10)));
            while (handled.get() < count) {
                Thread.sleep(5);
            }
            pool.close(); // waits for the last completions to be written
            double seconds = (System.nanoTime() - start) / 1e9;
            sink.close();
            System.out.printf(
                    "%s jobs, %d workers, no-op handler: %,d claimed and completed in %.1f s = %,.0f jobs/s%n",
                    db.name, workers, count, seconds, count / seconds);
        }
    }
}
