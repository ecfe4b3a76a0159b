package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.jobs.JobHandler;
import io.buildfactory.application.jobs.JobWorkerPool;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.domain.jobs.RetryPolicy;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.jobs.JooqJobRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A worker JVM killed mid-job: once its claim expires, another worker runs the job again, and it succeeds. */
class JobKillTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void a_job_whose_worker_was_killed_runs_again_after_the_claim_expires(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine)) {
            Migrations.of(db.database()).migrate(Optional.empty());
            JooqJobRepository jobs = new JooqJobRepository(db.database());
            Job job = Job.enqueue(
                    new JobId(new IdGenerator(Clock.systemUTC(), new SecureRandom()).next()),
                    "kill.work",
                    "{}",
                    0,
                    Instant.now(),
                    3,
                    Optional.empty(),
                    Instant.now());
            jobs.insert(job);
            Process child = ChildJvm.start(JobKillDriver.class, db.databaseUrl());
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line = out.readLine();
                while (line != null && !line.startsWith("started ")) {
                    line = out.readLine(); // skip whatever else the child prints (logging set-up, say)
                }
                assertEquals("started " + job.id(), line, "the child claimed the job and is running it");
            }
            child.destroyForcibly();
            child.waitFor(10, TimeUnit.SECONDS);
            Job abandoned = jobs.findById(job.id()).orElseThrow();
            assertEquals(JobState.RUNNING, abandoned.state(), "killed mid-job: still claimed");

            AtomicInteger runs = new AtomicInteger();
            JobHandler succeed = JobHandler.of("kill.work", j -> {
                runs.incrementAndGet();
                return Optional.of("{\"ok\":true}");
            });
            var sink = new BufferedTelemetrySink(
                    new JooqTelemetryRepository(
                            db.database(), Clock.systemUTC(), IdGenerator.secure(Clock.systemUTC())),
                    Clock.systemUTC(),
                    BufferedTelemetrySink.Settings.DEFAULT);
            try (JobWorkerPool survivor = new JobWorkerPool(
                    "survivor",
                    jobs,
                    List.of(succeed),
                    new TelemetryEnvelopes(
                            sink, new IdGenerator(Clock.systemUTC(), new SecureRandom()), Clock.systemUTC()),
                    Clock.systemUTC(),
                    new RetryPolicy(Duration.ofMillis(100), Duration.ofMillis(200)),
                    new SecureRandom(),
                    new JobWorkerPool.Settings(1, JobKillDriver.CLAIM, Duration.ofMillis(20), Duration.ofSeconds(2)))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (jobs.findById(job.id()).orElseThrow().state() != JobState.SUCCEEDED) {
                    assertTrue(System.nanoTime() < deadline, "the job was not run again");
                    Thread.sleep(20);
                }
            } finally {
                sink.close();
            }
            Job done = jobs.findById(job.id()).orElseThrow();
            assertEquals(2, done.attempts(), "the killed attempt counts");
            assertEquals(1, runs.get());
            assertTrue(
                    done.lastError().orElseThrow().contains("claim expired"),
                    done.lastError().toString());
        }
    }
}
