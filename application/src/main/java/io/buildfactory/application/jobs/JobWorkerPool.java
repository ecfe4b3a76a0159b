package io.buildfactory.application.jobs;

import io.buildfactory.application.jobs.port.out.JobRepository;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.domain.jobs.RetryPolicy;
import io.buildfactory.domain.shared.ConflictException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Workers inside the server. Each claims due jobs atomically and runs their handler; a heartbeat keeps the
 * claims of running jobs alive; a reaper hands back jobs whose worker died (claim expired) to the retry policy.
 * Closing stops claiming, lets running jobs finish until the deadline, and releases the rest to the queue.
 */
public final class JobWorkerPool implements AutoCloseable {

    /** @param workers threads (0 disables the pool) */
    public record Settings(int workers, Duration claimFor, Duration pollInterval, Duration shutdownDeadline) {

        public static final Settings DEFAULT =
                new Settings(2, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    private final JobRepository jobs;
    private final Map<String, JobHandler> handlers;
    private final Telemetry telemetry;
    private final Clock clock;
    private final RetryPolicy retry;
    private final RandomGenerator random;
    private final Settings settings;
    private final String name;
    private final Map<JobId, Job> running = new ConcurrentHashMap<>();
    private final List<Thread> threads;
    private volatile boolean claiming = true;

    public JobWorkerPool(
            String name,
            JobRepository jobs,
            List<JobHandler> handlers,
            Telemetry telemetry,
            Clock clock,
            RetryPolicy retry,
            RandomGenerator random,
            Settings settings) {
        this.name = name;
        this.jobs = jobs;
        this.handlers = handlers.stream().collect(Collectors.toMap(JobHandler::type, Function.identity()));
        this.telemetry = telemetry;
        this.clock = clock;
        this.retry = retry;
        this.random = random;
        this.settings = settings;
        this.threads = new java.util.ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            threads.add(Thread.ofPlatform().daemon().name(name + "-worker-" + i).start(this::work));
        }
        if (settings.workers() > 0) {
            threads.add(Thread.ofPlatform().daemon().name(name + "-heartbeat").start(this::heartbeatAndReap));
        }
    }

    private String workerId() {
        return name + "/" + Thread.currentThread().getName();
    }

    private void work() {
        while (claiming) {
            try {
                Optional<Job> claimed = jobs.claimNext(workerId(), clock.instant(), settings.claimFor());
                if (claimed.isEmpty()) {
                    Thread.sleep(settings.pollInterval().toMillis());
                    continue;
                }
                run(claimed.get());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                sleepQuietly(settings.pollInterval()); // the database is down: try again later
            }
        }
    }

    private void run(Job job) {
        running.put(job.id(), job);
        long started = System.nanoTime();
        try {
            JobHandler handler = handlers.get(job.type());
            if (handler == null) {
                finish(
                        job.failPermanently(
                                "no handler is registered for job type '" + job.type() + "'", clock.instant()),
                        started);
                return;
            }
            Optional<String> result;
            try {
                result = handler.handle(job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return; // shutting down past the deadline: close() releases the job
            } catch (Exception | Error failure) {
                finish(job.fail(describe(failure), clock.instant(), retry, random), started);
                return;
            }
            finish(job.succeed(result, clock.instant()), started);
        } finally {
            running.remove(job.id());
        }
    }

    private void finish(Job outcome, long startedNanos) {
        try {
            jobs.update(outcome);
        } catch (ConflictException reaped) {
            return; // our claim expired and the job moved on without us: its new owner reports it
        }
        report(outcome, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos));
    }

    /** Every completion, by a worker or by the reaper, is reported as telemetry. */
    private void report(Job outcome, long durationMillis) {
        ServerEvent type = switch (outcome.state()) {
            case SUCCEEDED -> ServerEvent.JOB_SUCCEEDED;
            case DEAD -> ServerEvent.JOB_DEAD;
            case FAILED, QUEUED -> ServerEvent.JOB_FAILED;
            default -> null;
        };
        if (type != null) {
            telemetry.emit(
                    type,
                    Optional.empty(),
                    Optional.empty(),
                    RequestContext.system(outcome.id().toString()),
                    Map.of(
                            "jobType",
                            outcome.type(),
                            "attempts",
                            outcome.attempts(),
                            "durationMs",
                            durationMillis,
                            "willRetry",
                            outcome.state() == JobState.QUEUED));
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** Every third of a claim's life: extend the claims of running jobs, and hand back those of dead workers. */
    private void heartbeatAndReap() {
        Duration every = settings.claimFor().dividedBy(3);
        while (claiming || !running.isEmpty()) {
            try {
                Instant now = clock.instant();
                for (Job job : running.values()) {
                    jobs.extendClaim(job.id(), job.claimedBy().orElseThrow(), now, now.plus(settings.claimFor()));
                }
                for (Job expired : jobs.expiredClaims(now, 100)) {
                    if (!running.containsKey(expired.id())) {
                        Job outcome = expired.fail(
                                "claim expired: worker " + expired.claimedBy().orElse("?")
                                        + " stopped without finishing",
                                now,
                                retry,
                                random);
                        if (jobs.reap(expired, outcome, now)) {
                            report(
                                    outcome,
                                    Duration.between(expired.updatedAt(), now).toMillis());
                        }
                    }
                }
                Thread.sleep(Math.max(10, every.toMillis()));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                sleepQuietly(settings.pollInterval());
            }
        }
    }

    @Override
    public void close() {
        claiming = false;
        long deadline = System.nanoTime() + settings.shutdownDeadline().toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(Duration.ofMillis(20));
        }
        // Stop our handlers first, and only then give their jobs back: another server must not start a job that
        // is still running here.
        List<Job> unfinished = List.copyOf(running.values());
        threads.forEach(Thread::interrupt);
        for (Thread t : threads) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Job job : unfinished) {
            try {
                jobs.update(job.release(clock.instant()));
            } catch (RuntimeException finishedOrReaped) {
                // it finished at the last moment, or its claim lapsed and a reaper took it: nothing to give back
            }
        }
    }

    private static void sleepQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
