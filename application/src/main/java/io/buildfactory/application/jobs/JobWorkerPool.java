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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Workers inside the server. A dispatcher claims due jobs for the free workers, several in one transaction; the
 * workers run their handlers; a completer writes the outcomes, several in one transaction, and only then frees
 * the workers. An idle dispatcher sleeps until a job is queued (the repository's signal: in-process on SQLite,
 * {@code LISTEN/NOTIFY} across servers on PostgreSQL) or the poll interval passes, which also catches jobs whose
 * run time arrives. A heartbeat keeps the claims of running jobs alive, and a reaper hands back jobs whose worker
 * died (claim expired) to the retry policy. Closing stops claiming, lets running jobs finish until the deadline,
 * and releases the rest to the queue.
 *
 * <p>At least once: a job's outcome is written after its handler returns, so a server that dies in between
 * leaves the job running under a claim that expires, and the reaper queues it again.
 */
public final class JobWorkerPool implements AutoCloseable {

    /** @param workers handlers that run at once, and so the most jobs this pool holds claims on (0: no pool) */
    public record Settings(int workers, Duration claimFor, Duration pollInterval, Duration shutdownDeadline) {

        public static final Settings DEFAULT =
                new Settings(2, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    /** The most jobs claimed, or outcomes written, in one transaction. */
    static final int MAX_BATCH = 100;

    /** Attempts to write an outcome alone, after its batch failed, before it is left to the reaper. */
    private static final int WRITE_ATTEMPTS = 3;

    private static final System.Logger LOG = System.getLogger(JobWorkerPool.class.getName());

    /** A handler's outcome, waiting to be written. */
    private static final class Finished {
        final Job outcome;
        final long startedNanos;
        int failedWrites;

        Finished(Job outcome, long startedNanos) {
            this.outcome = outcome;
            this.startedNanos = startedNanos;
        }
    }

    private final JobRepository jobs;
    private final Map<String, JobHandler> handlers;
    private final Telemetry telemetry;
    private final Clock clock;
    private final RetryPolicy retry;
    private final RandomGenerator random;
    private final Settings settings;
    private final String name;
    /** Claimed and not yet written back: the jobs whose claims the heartbeat extends. */
    private final Map<JobId, Job> running = new ConcurrentHashMap<>();
    /** One permit per worker not holding a job. */
    private final Semaphore free;

    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    private final ExecutorService workers;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean claiming = true;
    private volatile boolean completing = true;

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
        this.free = new Semaphore(settings.workers());
        this.workers = Executors.newFixedThreadPool(
                Math.max(1, settings.workers()),
                Thread.ofPlatform().daemon().name(name + "-worker-", 0).factory());
        if (settings.workers() > 0) {
            threads.add(Thread.ofPlatform().daemon().name(name + "-dispatcher").start(this::dispatch));
            threads.add(Thread.ofPlatform().daemon().name(name + "-completer").start(this::complete));
            threads.add(Thread.ofPlatform().daemon().name(name + "-heartbeat").start(this::heartbeatAndReap));
        }
    }

    /** Claims jobs for every free worker in one go, and hands them out. */
    private void dispatch() {
        while (claiming) {
            try {
                if (!free.tryAcquire(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue; // every worker is busy
                }
                int wanted = 1 + free.drainPermits();
                int over = Math.max(0, wanted - MAX_BATCH);
                free.release(over);
                wanted -= over;
                long seen = jobs.queuedSignals(); // before the claim, so that a job queued after it is not missed
                List<Job> claimed;
                try {
                    claimed = jobs.claim(name, clock.instant(), settings.claimFor(), wanted);
                } catch (RuntimeException databaseDown) {
                    free.release(wanted);
                    Thread.sleep(settings.pollInterval().toMillis()); // try again later
                    continue;
                }
                free.release(wanted - claimed.size());
                if (claimed.isEmpty()) {
                    jobs.awaitQueued(seen, settings.pollInterval());
                    continue;
                }
                for (Job job : claimed) {
                    running.put(job.id(), job);
                    try {
                        workers.execute(() -> run(job));
                    } catch (RejectedExecutionException closing) {
                        // claimed as the pool closed: close() releases it with the other unfinished jobs
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void run(Job job) {
        long started = System.nanoTime();
        JobHandler handler = handlers.get(job.type());
        if (handler == null) {
            finished.add(new Finished(
                    job.failPermanently("no handler is registered for job type '" + job.type() + "'", clock.instant()),
                    started));
            return;
        }
        Job outcome;
        try {
            outcome = job.succeed(handler.handle(job), clock.instant());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down past the deadline: close() releases the job
        } catch (Exception | Error failure) {
            outcome = job.fail(describe(failure), clock.instant(), retry, random);
        }
        finished.add(new Finished(outcome, started));
    }

    /** Writes outcomes as they come, all that are waiting in one transaction, and frees their workers. */
    private void complete() {
        List<Finished> batch = new ArrayList<>();
        while (completing || !finished.isEmpty() || !batch.isEmpty()) {
            try {
                if (batch.isEmpty()) {
                    Finished first = finished.poll(settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                finished.drainTo(batch, MAX_BATCH - batch.size());
                try {
                    List<Job> stored =
                            jobs.updateAll(batch.stream().map(f -> f.outcome).toList());
                    Map<JobId, Job> written = stored.stream().collect(Collectors.toMap(Job::id, j -> j));
                    for (Finished f : batch) {
                        // not written: our claim expired and the job moved on without us; its new owner reports it
                        done(f, Optional.ofNullable(written.get(f.outcome.id())));
                    }
                    batch.clear();
                } catch (RuntimeException batchFailed) {
                    writeOneByOne(batch);
                    if (!batch.isEmpty()) {
                        Thread.sleep(settings.pollInterval().toMillis()); // the database is down: try again later
                    }
                }
            } catch (InterruptedException e) {
                if (!completing) {
                    return;
                }
            }
        }
    }

    /**
     * After a batch failed: each outcome alone, so that one that cannot be written holds back none of the others.
     * One that fails {@link #WRITE_ATTEMPTS} times is left to the reaper (its claim is no longer extended, so the
     * job is handed back to the retry policy when it lapses); outcomes that fail for the database being down stay
     * in {@code batch} for the next round.
     */
    private void writeOneByOne(List<Finished> batch) {
        for (var it = batch.iterator(); it.hasNext(); ) {
            Finished f = it.next();
            try {
                done(f, Optional.of(jobs.update(f.outcome)));
                it.remove();
            } catch (ConflictException reaped) {
                done(f, Optional.empty());
                it.remove();
            } catch (RuntimeException failed) {
                if (++f.failedWrites >= WRITE_ATTEMPTS) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "job {0}: its outcome could not be written {1} times ({2}); its claim will lapse and"
                                    + " the reaper will hand it back",
                            f.outcome.id(),
                            WRITE_ATTEMPTS,
                            failed.toString());
                    done(f, Optional.empty());
                    it.remove();
                }
            }
        }
    }

    private void done(Finished f, Optional<Job> written) {
        running.remove(f.outcome.id());
        free.release();
        written.ifPresent(job -> report(job, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - f.startedNanos)));
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
        // is still running here. Outcomes already in are written first.
        workers.shutdownNow();
        awaitQuietly(workers);
        completing = false;
        for (Thread t : threads) {
            t.interrupt();
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Job job : List.copyOf(running.values())) {
            try {
                jobs.update(job.release(clock.instant()));
            } catch (RuntimeException finishedOrReaped) {
                // it finished at the last moment, or its claim lapsed and a reaper took it: nothing to give back
            }
        }
    }

    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
