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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Workers inside the server. A dispatcher claims due jobs, several in one transaction, for the workers to run; a
 * completer writes their outcomes, several in one transaction. The pool holds claims on at most twice as many jobs
 * as it has workers, so that while one set's outcomes are being written the next set is already running; a job
 * claimed ahead waits for a worker under its heartbeat, and is handed back unstarted if the pool closes first. An idle dispatcher sleeps until a job is queued (the repository's signal: in-process on SQLite,
 * {@code LISTEN/NOTIFY} across servers on PostgreSQL) or the poll interval passes, which also catches jobs whose
 * run time arrives. A heartbeat keeps the claims of running jobs alive, and a reaper hands back jobs whose worker
 * died (claim expired) to the retry policy. Closing stops claiming, lets running jobs finish until the deadline,
 * and releases the rest to the queue.
 *
 * <p>At least once: a job's outcome is written after its handler returns, so a server that dies in between
 * leaves the job running under a claim that expires, and the reaper queues it again.
 */
public final class JobWorkerPool implements AutoCloseable {

    /** @param workers handlers that run at once (0: no pool); the pool claims at most twice as many jobs */
    public record Settings(int workers, Duration claimFor, Duration pollInterval, Duration shutdownDeadline) {

        public static final Settings DEFAULT =
                new Settings(2, Duration.ofSeconds(60), Duration.ofMillis(500), Duration.ofSeconds(20));
    }

    /** The most jobs claimed, or outcomes written, in one transaction. */
    static final int MAX_BATCH = 100;

    /**
     * Claims under way at once. Two overlap one claim's round trips and commit with the other's (on PostgreSQL
     * {@code SKIP LOCKED} keeps them apart; on SQLite they share the writer's turn): 0.54× of db-scheduler's rate
     * with one, 0.72× with two, in the same benchmark run.
     */
    private static final int DISPATCHERS = 2;

    /** The longest the dispatcher waits before it looks whether the pool is closing. */
    private static final Duration WAKE_TO_CLOSE = Duration.ofMillis(100);

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
    /** One permit per job this pool may still claim: twice its workers, less the claims it holds. */
    private final Semaphore free;

    private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    /** Jobs claimed and not yet taken by a worker, in the order claimed. */
    private final BlockingQueue<Runnable> waiting = new LinkedBlockingQueue<>();

    private final ThreadPoolExecutor workers;

    /** A claimed job on its way to a worker: what close() hands back if no worker took it. */
    private final class Start implements Runnable {
        final Job job;

        Start(Job job) {
            this.job = job;
        }

        @Override
        public void run() {
            JobWorkerPool.this.run(job);
        }
    }

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
        this.free = new Semaphore(2 * settings.workers());
        int atOnce = Math.max(1, settings.workers());
        this.workers = new ThreadPoolExecutor(
                atOnce,
                atOnce,
                0,
                TimeUnit.MILLISECONDS,
                waiting,
                Thread.ofPlatform().daemon().name(name + "-worker-", 0).factory());
        if (settings.workers() > 0) {
            for (int i = 0; i < DISPATCHERS; i++) {
                threads.add(Thread.ofPlatform()
                        .daemon()
                        .name(name + "-dispatcher-" + i)
                        .start(this::dispatch));
            }
            threads.add(Thread.ofPlatform().daemon().name(name + "-completer").start(this::complete));
            threads.add(Thread.ofPlatform().daemon().name(name + "-heartbeat").start(this::heartbeatAndReap));
        }
    }

    /** Claims as many jobs as the pool may hold in one go, and hands them to the workers. */
    private void dispatch() {
        while (claiming) {
            try {
                if (!free.tryAcquire(WAKE_TO_CLOSE.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue; // the pool holds all it may
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
                    idle(seen);
                    continue;
                }
                for (Job job : claimed) {
                    running.put(job.id(), job);
                    try {
                        workers.execute(new Start(job));
                    } catch (RejectedExecutionException closing) {
                        // claimed as the pool closed: close() releases it with the other unfinished jobs
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Until a job may have been queued or the poll interval has passed, looking up now and then for close(). */
    private void idle(long seen) throws InterruptedException {
        long until = System.nanoTime() + settings.pollInterval().toNanos();
        long left;
        while (claiming && jobs.queuedSignals() == seen && (left = until - System.nanoTime()) > 0) {
            jobs.awaitQueued(seen, Duration.ofNanos(Math.min(left, WAKE_TO_CLOSE.toNanos())));
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
                    RequestContext.system(
                            outcome.correlationId().orElse(outcome.id().toString())),
                    Map.of(
                            "jobId",
                            outcome.id().toString(),
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
        threads.stream().limit(DISPATCHERS).forEach(JobWorkerPool::joinQuietly); // no claim is under way after this
        // Jobs claimed ahead that no worker has taken go back at once, their attempt unspent.
        List<Runnable> unstarted = new ArrayList<>();
        waiting.drainTo(unstarted);
        for (Runnable r : unstarted) {
            Job job = ((Start) r).job;
            try {
                jobs.update(job.returnUnstarted(clock.instant()));
            } catch (RuntimeException reaped) {
                // its claim lapsed and a reaper took it: nothing to give back
            }
            running.remove(job.id());
        }
        long deadline = System.nanoTime() + settings.shutdownDeadline().toNanos();
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            sleepQuietly(Duration.ofMillis(20));
        }
        // Stop our handlers first, and only then give their jobs back: another server must not start a job that
        // is still running here. Outcomes already in are written first.
        workers.shutdownNow();
        awaitQuietly(workers);
        completing = false;
        threads.forEach(Thread::interrupt);
        threads.forEach(JobWorkerPool::joinQuietly);
        for (Job job : List.copyOf(running.values())) {
            try {
                jobs.update(job.release(clock.instant()));
            } catch (RuntimeException finishedOrReaped) {
                // it finished at the last moment, or its claim lapsed and a reaper took it: nothing to give back
            }
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
