package io.buildfactory.benchmarks;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code jobs} suite: no-op jobs claimed, run and completed per second by {@link JobWorkerPool}, beside the
 * disk's one-commit-per-row loop on SQLite and beside db-scheduler on the same PostgreSQL in the same run; and
 * how long an idle pool takes to start a job after it is queued.
 */
final class JobBenchmarks {

    private JobBenchmarks() {}

    /** Handler threads in the throughput runs, for ours and for db-scheduler alike. */
    static final int WORKERS = 32;

    static List<Measure> run(String target, int count) throws Exception {
        List<Measure> measures = new ArrayList<>();
        boolean sqlite = target.equals("sqlite");
        double few = throughput(target, count, 4);
        double ours = throughput(target, count, WORKERS);
        String engine = sqlite ? "SQLite" : "PostgreSQL";
        if (sqlite) {
            Path dir = Files.createTempDirectory("bf-bench-loop-");
            double loop = HttpBenchmarks.sqliteCommitLoop(dir.resolve("loop.db"), Duration.ofSeconds(5));
            measures.add(Measure.beside(
                            engine, "no-op jobs/s, 4 workers (ref: one durable commit per row, JDBC loop)", few, loop)
                    .print("jobs/s"));
            measures.add(Measure.beside(
                            engine,
                            "no-op jobs/s, " + WORKERS + " workers (ref: one durable commit per row, JDBC loop)",
                            ours,
                            loop)
                    .print("jobs/s"));
        } else {
            double peer = dbScheduler(target, count, WORKERS);
            measures.add(Measure.beside(
                            engine, "no-op jobs/s, 4 workers (ref: db-scheduler, " + WORKERS + " threads)", few, peer)
                    .print("jobs/s"));
            measures.add(Measure.beside(
                            engine,
                            "no-op jobs/s, " + WORKERS + " workers (ref: db-scheduler, " + WORKERS + " threads)",
                            ours,
                            peer)
                    .print("jobs/s"));
        }
        double[] latency = enqueueToStart(target, 200);
        measures.add(new Measure(
                        engine,
                        "enqueue to start, idle pool, p50 ms (ref: the 5 ms goal)",
                        latency[0],
                        5,
                        latency[0] / 5,
                        latency[1],
                        latency[0])
                .print("ms"));
        return measures;
    }

    /** Jobs per second from enqueued to completed, {@code count} no-op jobs queued beforehand. */
    static double throughput(String target, int count, int workers) throws Exception {
        try (BenchDatabase db = BenchDatabase.open(target)) {
            JooqJobRepository jobs = new JooqJobRepository(db.database);
            IdGenerator ids = Bench.ids(4);
            enqueue(db, jobs, ids, count);
            AtomicInteger handled = new AtomicInteger();
            JobHandler noop = JobHandler.of("noop", job -> {
                handled.incrementAndGet();
                return Optional.empty();
            });
            BufferedTelemetrySink sink = sink(db);
            long start = System.nanoTime();
            JobWorkerPool pool = pool(jobs, noop, sink, ids, workers);
            while (handled.get() < count) {
                Thread.sleep(2);
            }
            pool.close(); // waits for the last completions to be written
            double seconds = (System.nanoTime() - start) / 1e9;
            sink.close();
            System.out.printf(
                    "%s jobs, %d workers, no-op handler: %,d claimed and completed in %.1f s = %,.0f jobs/s%n",
                    db.name, workers, count, seconds, count / seconds);
            return count / seconds;
        }
    }

    /** p50 and p99, in milliseconds, from an enqueue's call to its handler starting, workers idle before each. */
    static double[] enqueueToStart(String target, int samples) throws Exception {
        try (BenchDatabase db = BenchDatabase.open(target)) {
            JooqJobRepository jobs = new JooqJobRepository(db.database);
            IdGenerator ids = Bench.ids(5);
            Map<String, Long> started = new ConcurrentHashMap<>();
            JobHandler note = JobHandler.of("note", job -> {
                started.put(job.id().toString(), System.nanoTime());
                return Optional.empty();
            });
            BufferedTelemetrySink sink = sink(db);
            try (JobWorkerPool pool = new JobWorkerPool(
                    "bench",
                    jobs,
                    List.of(note),
                    new TelemetryEnvelopes(sink, ids, Bench.CLOCK),
                    Bench.CLOCK,
                    RetryPolicy.DEFAULT,
                    new SplittableRandom(5),
                    JobWorkerPool.Settings.DEFAULT)) { // the server's: a 500 ms poll
                double[] waited = new double[samples];
                for (int i = 0; i < samples + 20; i++) {
                    Thread.sleep(20); // idle again
                    Instant now = Bench.CLOCK.instant();
                    JobId id = new JobId(ids.next());
                    long queued = System.nanoTime();
                    jobs.insert(Job.enqueue(id, "note", "{}", 0, now, 3, Optional.empty(), now));
                    while (!started.containsKey(id.toString())) {
                        Thread.onSpinWait();
                    }
                    if (i >= 20) { // the first twenty warm up
                        waited[i - 20] = (started.get(id.toString()) - queued) / 1e6;
                    }
                }
                Arrays.sort(waited);
                double p50 = waited[samples / 2];
                double p99 = waited[(int) (samples * 0.99)];
                System.out.printf(
                        "%s enqueue to start, idle pool: p50 %.2f ms, p99 %.2f ms over %d jobs%n",
                        db.name, p50, p99, samples);
                return new double[] {p50, p99};
            } finally {
                sink.close();
            }
        }
    }

    /**
     * db-scheduler 16 on the same server, its recommended high-throughput set-up for PostgreSQL (lock-and-fetch
     * polling, {@code SELECT … FOR UPDATE SKIP LOCKED}), {@code threads} handler threads and a pool of connections
     * to match; {@code count} no-op one-time tasks scheduled beforehand.
     */
    static double dbScheduler(String target, int count, int threads) throws Exception {
        try (BenchDatabase db = BenchDatabase.open(target)) {
            try (Connection c = db.rawConnection();
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE scheduled_tasks (task_name TEXT NOT NULL, task_instance TEXT NOT NULL,"
                        + " task_data BYTEA, execution_time TIMESTAMPTZ NOT NULL, picked BOOLEAN NOT NULL,"
                        + " picked_by TEXT, last_success TIMESTAMPTZ, last_failure TIMESTAMPTZ,"
                        + " consecutive_failures INT, last_heartbeat TIMESTAMPTZ, version BIGINT NOT NULL,"
                        + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))");
                s.execute("CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)");
                s.execute("CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)");
                s.execute(
                        "CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time)");
            }
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(db.settings.url());
            db.settings.user().ifPresent(config::setUsername);
            db.settings.password().ifPresent(config::setPassword);
            config.setMaximumPoolSize(threads + 2);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                AtomicInteger handled = new AtomicInteger();
                OneTimeTask<Void> noop =
                        Tasks.oneTime("noop").execute((instance, context) -> handled.incrementAndGet());
                Scheduler scheduler = Scheduler.create(pool, noop)
                        .threads(threads)
                        .pollUsingLockAndFetch(0.5, 1.0)
                        .pollingInterval(Duration.ofMillis(100))
                        .build();
                Instant due = Bench.CLOCK.instant();
                for (int done = 0; done < count; done += 1_000) {
                    List<TaskInstance<?>> batch = new ArrayList<>();
                    for (int i = done; i < Math.min(count, done + 1_000); i++) {
                        batch.add(noop.instance("job-" + i));
                    }
                    scheduler.scheduleBatch(batch, due);
                }
                long start = System.nanoTime();
                scheduler.start();
                while (handled.get() < count) {
                    Thread.sleep(2);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                scheduler.stop();
                System.out.printf(
                        "%s db-scheduler, %d threads, no-op task: %,d executed in %.1f s = %,.0f jobs/s%n",
                        db.name, threads, count, seconds, count / seconds);
                return count / seconds;
            }
        }
    }

    private static void enqueue(BenchDatabase db, JooqJobRepository jobs, IdGenerator ids, int count) {
        JooqTransactionRunner transactions = new JooqTransactionRunner(db.database);
        for (int done = 0; done < count; done += 1_000) {
            int chunk = Math.min(1_000, count - done);
            transactions.inTransaction(() -> {
                for (int i = 0; i < chunk; i++) {
                    Instant now = Bench.CLOCK.instant();
                    jobs.insert(Job.enqueue(new JobId(ids.next()), "noop", "{}", 0, now, 3, Optional.empty(), now));
                }
            });
        }
    }

    private static BufferedTelemetrySink sink(BenchDatabase db) {
        return new BufferedTelemetrySink(
                new JooqTelemetryRepository(db.database, Bench.CLOCK, IdGenerator.secure(Bench.CLOCK)),
                Bench.CLOCK,
                BufferedTelemetrySink.Settings.DEFAULT);
    }

    private static JobWorkerPool pool(
            JooqJobRepository jobs, JobHandler handler, BufferedTelemetrySink sink, IdGenerator ids, int workers) {
        return new JobWorkerPool(
                "bench",
                jobs,
                List.of(handler),
                new TelemetryEnvelopes(sink, ids, Bench.CLOCK),
                Bench.CLOCK,
                RetryPolicy.DEFAULT,
                new SplittableRandom(5),
                new JobWorkerPool.Settings(
                        workers, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(10)));
    }
}
