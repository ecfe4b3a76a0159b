package io.buildfactory.persistence.jobs;

import static io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.jobs.JobHandler;
import io.buildfactory.application.jobs.JobService;
import io.buildfactory.application.jobs.JobWorkerPool;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase.NewJob;
import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryEnvelopes;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.application.testing.MutableClock;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.domain.jobs.RetryPolicy;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobWorkersTest extends OnBothEngines {

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T12:00:00Z"));
    final List<AutoCloseable> open = new ArrayList<>();
    JooqJobRepository jobs;
    JobService service;
    Telemetry telemetry;
    BufferedTelemetrySink sink;
    JooqTelemetryRepository telemetryRepository;

    @BeforeEach
    void wire() {
        jobs = new JooqJobRepository(db.database());
        JooqTransactionRunner transactions = new JooqTransactionRunner(db.database());
        IdGenerator ids = new IdGenerator(clock, new Random(6));
        service = new JobService(
                jobs,
                transactions,
                new HashChainedAuditTrail(new JooqAuditRepository(db.database(), clock), transactions, ids, clock),
                ids,
                clock);
        telemetryRepository = new JooqTelemetryRepository(db.database(), clock, IdGenerator.secure(clock));
        sink = new BufferedTelemetrySink(telemetryRepository, clock, BufferedTelemetrySink.Settings.DEFAULT);
        telemetry = new TelemetryEnvelopes(sink, ids, clock);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        sink.close();
    }

    JobWorkerPool pool(String name, int workers, List<JobHandler> handlers) {
        JobWorkerPool pool = new JobWorkerPool(
                name,
                jobs,
                handlers,
                telemetry,
                clock,
                new RetryPolicy(Duration.ofSeconds(10), Duration.ofMinutes(10)),
                new Random(9),
                new JobWorkerPool.Settings(
                        workers, Duration.ofSeconds(30), Duration.ofMillis(5), Duration.ofSeconds(5)));
        open.add(pool);
        return pool;
    }

    static JobHandler handler(String type, JobHandler.Work body) {
        return JobHandler.of(type, body);
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void a_thousand_jobs_on_eight_workers_each_run_exactly_once() throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        JobHandler count = handler("count", job -> {
            runs.computeIfAbsent(job.id().toString(), k -> new AtomicInteger()).incrementAndGet();
            return Optional.empty();
        });
        for (int i = 0; i < 1_000; i++) {
            service.enqueue(NewJob.of("count", "{\"i\":" + i + "}"));
        }
        if (engine == Engine.POSTGRESQL) {
            pool("server-a", 4, List.of(count)); // two servers on one database
            pool("server-b", 4, List.of(count));
        } else {
            pool("server", 8, List.of(count));
        }
        await("all jobs to run", () -> runs.size() == 1_000);
        await("every job succeeded", () -> countIn(JobState.SUCCEEDED) == 1_000);
        assertTrue(runs.values().stream().allMatch(n -> n.get() == 1), "no job ran twice");
        assertTrue(sink.flush(Duration.ofSeconds(30)));
        var events = TELEMETRY_EVENTS;
        assertEquals(
                1_000,
                db.database().dsl().fetchCount(events, events.EVENT_TYPE.eq("job.succeeded")),
                "each success is reported once");
    }

    private int countIn(JobState state) {
        int total = 0;
        var page = PageRequest.first(500);
        while (true) {
            var result = jobs.list(Optional.empty(), Optional.of(state), page);
            total += result.items().size();
            if (result.nextCursor().isEmpty()) {
                return total;
            }
            page = page.next(result.nextCursor().get());
        }
    }

    private List<String> jobEvents() {
        return telemetryRepository
                .find(
                        new TelemetryQuery(
                                Optional.of("job."),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        PageRequest.first(10))
                .items()
                .stream()
                .map(e -> e.eventType().value())
                .toList();
    }

    @Test
    void an_idle_pool_starts_a_job_queued_by_this_or_another_server_at_once_without_waiting_for_its_poll()
            throws Exception {
        Map<String, Long> startedAt = new ConcurrentHashMap<>();
        JobHandler note = handler("note", job -> {
            startedAt.put(job.id().toString(), System.nanoTime());
            return Optional.empty();
        });
        // Polling alone would take up to a minute to see a new job.
        JobWorkerPool pool = new JobWorkerPool(
                "idle",
                jobs,
                List.of(note),
                telemetry,
                clock,
                RetryPolicy.DEFAULT,
                new Random(3),
                new JobWorkerPool.Settings(2, Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofSeconds(5)));
        open.add(pool);
        Thread.sleep(300); // the dispatcher has found nothing and is waiting
        for (int i = 0; i < 5; i++) {
            long queuedAt = System.nanoTime();
            Job job = service.enqueue(NewJob.of("note", "{}"));
            await("the job to start", () -> startedAt.containsKey(job.id().toString()));
            long waitedMillis = (startedAt.get(job.id().toString()) - queuedAt) / 1_000_000;
            assertTrue(waitedMillis < 2_000, "started " + waitedMillis + " ms after it was queued");
        }
        if (engine == Engine.POSTGRESQL) {
            try (io.buildfactory.persistence.Database other =
                    io.buildfactory.persistence.Database.open(db.settings())) {
                JobService elsewhere = new JobService(
                        new JooqJobRepository(other),
                        new JooqTransactionRunner(other),
                        new HashChainedAuditTrail(
                                new JooqAuditRepository(other, clock),
                                new JooqTransactionRunner(other),
                                new IdGenerator(clock, new Random(7)),
                                clock),
                        new IdGenerator(clock, new Random(8)),
                        clock);
                long queuedAt = System.nanoTime();
                Job job = elsewhere.enqueue(NewJob.of("note", "{}"));
                await(
                        "the other server's job to start",
                        () -> startedAt.containsKey(job.id().toString()));
                long waitedMillis = (startedAt.get(job.id().toString()) - queuedAt) / 1_000_000;
                assertTrue(waitedMillis < 2_000, "heard through LISTEN/NOTIFY: started after " + waitedMillis + " ms");
            }
        }
    }

    @Test
    void an_outcome_that_cannot_be_written_holds_back_no_other_job() throws Exception {
        pool(
                "server",
                4,
                List.of(
                        handler("good", job -> Optional.of("{\"ok\":true}")),
                        handler("bad", job -> Optional.of("this is not JSON, and the database refuses it"))));
        Job bad = service.enqueue(NewJob.of("bad", "{}"));
        List<Job> good = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            good.add(service.enqueue(NewJob.of("good", "{\"i\":" + i + "}")));
        }
        await(
                "every good job to be written",
                () -> good.stream()
                        .allMatch(j -> jobs.findById(j.id()).orElseThrow().state() == JobState.SUCCEEDED));
        Job stuck = jobs.findById(bad.id()).orElseThrow();
        assertEquals(JobState.RUNNING, stuck.state(), "left under its claim, for the reaper to hand back");
        assertEquals(1, stuck.attempts());
    }

    @Test
    void failures_back_off_then_the_job_is_dead_after_its_attempts_and_each_completion_is_reported() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        pool("server", 1, List.of(handler("flaky", job -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("upstream unavailable");
        })));
        Job job = service.enqueue(new NewJob("flaky", "{}", 0, Optional.empty(), 3, Optional.empty()));

        await(
                "the first attempt",
                () -> jobs.findById(job.id()).orElseThrow().attempts() == 1
                        && jobs.findById(job.id()).orElseThrow().state() == JobState.QUEUED);
        Job waiting = jobs.findById(job.id()).orElseThrow();
        assertEquals(Optional.of("IllegalStateException: upstream unavailable"), waiting.lastError());
        Duration backoff = Duration.between(clock.instant(), waiting.runAt());
        assertTrue(
                backoff.compareTo(Duration.ofSeconds(5)) >= 0 && backoff.compareTo(Duration.ofSeconds(10)) <= 0,
                "first retry waits between half and all of the base: " + backoff);
        Thread.sleep(100);
        assertEquals(1, attempts.get(), "not retried before the backoff");

        clock.advance(backoff);
        await(
                "the second attempt",
                () -> jobs.findById(job.id()).orElseThrow().attempts() == 2
                        && jobs.findById(job.id()).orElseThrow().state() == JobState.QUEUED);
        Duration second = Duration.between(
                clock.instant(), jobs.findById(job.id()).orElseThrow().runAt());
        assertTrue(
                second.compareTo(Duration.ofSeconds(10)) >= 0 && second.compareTo(Duration.ofSeconds(20)) <= 0,
                "the backoff doubles: " + second);

        clock.advance(second);
        await("the job to die", () -> jobs.findById(job.id()).orElseThrow().state() == JobState.DEAD);
        assertEquals(3, jobs.findById(job.id()).orElseThrow().attempts());

        // The dead job is visible a moment before its worker reports it: wait for the report, not just the flush.
        await("the three reports to be written", () -> {
            sink.flush(Duration.ofSeconds(1));
            return jobEvents().size() == 3;
        });
        List<String> types = jobEvents();
        assertEquals(List.of("job.failed", "job.failed", "job.dead"), types);
    }

    @Test
    void an_unknown_type_fails_the_job_with_a_clear_error_and_no_retry() throws Exception {
        pool("server", 1, List.of());
        Job job = service.enqueue(NewJob.of("no.such.type", "{}"));
        await("the job to fail", () -> jobs.findById(job.id()).orElseThrow().state() == JobState.FAILED);
        assertEquals(
                Optional.of("no handler is registered for job type 'no.such.type'"),
                jobs.findById(job.id()).orElseThrow().lastError());
    }

    @Test
    void a_job_whose_worker_stopped_is_retried_once_its_claim_expires() throws Exception {
        service.enqueue(NewJob.of("work", "{}"));
        Job abandoned = jobs.claimNext("dead-worker", clock.instant(), Duration.ofSeconds(30))
                .orElseThrow();
        AtomicInteger runs = new AtomicInteger();
        pool("server", 1, List.of(handler("work", job -> {
            runs.incrementAndGet();
            return Optional.of("{\"done\":true}");
        })));
        Thread.sleep(100);
        assertEquals(0, runs.get(), "never run twice while the claim lives");

        clock.advance(Duration.ofSeconds(31));
        await(
                "the reaper to hand it back",
                () -> jobs.findById(abandoned.id()).orElseThrow().state() == JobState.QUEUED);
        clock.advance(Duration.ofSeconds(10));
        await(
                "the retry to succeed",
                () -> jobs.findById(abandoned.id()).orElseThrow().state() == JobState.SUCCEEDED);
        assertEquals(2, jobs.findById(abandoned.id()).orElseThrow().attempts());
        assertEquals(1, runs.get());
    }

    @Test
    void closing_lets_a_running_job_finish_and_claims_nothing_more() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        JobWorkerPool pool = pool("server", 1, List.of(handler("slow", job -> {
            started.countDown();
            Thread.sleep(300);
            return Optional.empty();
        })));
        Job slow = service.enqueue(NewJob.of("slow", "{}"));
        Job next = service.enqueue(NewJob.of("slow", "{}"));
        started.await();
        pool.close();
        assertEquals(JobState.SUCCEEDED, jobs.findById(slow.id()).orElseThrow().state());
        Job unstarted = jobs.findById(next.id()).orElseThrow();
        assertEquals(JobState.QUEUED, unstarted.state());
        assertEquals(0, unstarted.attempts(), "claimed ahead of a free worker, handed back with its attempt unspent");
    }

    @Test
    void a_job_still_running_at_the_shutdown_deadline_is_released_to_the_queue() throws Exception {
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        JobWorkerPool pool = new JobWorkerPool(
                "server",
                jobs,
                List.of(handler("endless", job -> {
                    started.countDown();
                    Thread.sleep(60_000);
                    return Optional.empty();
                })),
                telemetry,
                clock,
                RetryPolicy.DEFAULT,
                new Random(1),
                new JobWorkerPool.Settings(1, Duration.ofSeconds(30), Duration.ofMillis(5), Duration.ofMillis(200)));
        Job endless = service.enqueue(NewJob.of("endless", "{}"));
        started.await();
        pool.close();
        Job released = jobs.findById(endless.id()).orElseThrow();
        assertEquals(JobState.QUEUED, released.state(), "handed back for another server");
        assertEquals(1, released.attempts(), "the interrupted attempt counts");
    }
}
