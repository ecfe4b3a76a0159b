package io.buildfactory.application.jobs.port.out;

import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The job queue. */
public interface JobRepository {

    /**
     * Stores a new job in the caller's transaction. @return false, storing nothing, when a live job already holds
     * its unique key (no error is raised, so the caller's transaction stays usable on PostgreSQL)
     */
    boolean insert(Job job);

    Optional<Job> findById(JobId id);

    /** The queued or running job holding {@code uniqueKey}, if any. */
    Optional<Job> findLiveByUniqueKey(String uniqueKey);

    /**
     * Atomically claims up to {@code limit} of the most urgent due jobs (highest priority, then earliest run
     * time) for {@code worker}, in one transaction: no two callers, in this process or another, ever get the same
     * job while its claim lives. @return the claimed jobs, most urgent first; empty when none is due
     */
    List<Job> claim(String worker, Instant now, Duration claimFor, int limit);

    /** {@link #claim} of one job. */
    default Optional<Job> claimNext(String worker, Instant now, Duration claimFor) {
        return claim(worker, now, claimFor, 1).stream().findFirst();
    }

    /** Optimistic: a job changed since it was read (e.g. its claim was reaped) is a stale-version conflict. */
    Job update(Job job);

    /**
     * {@link #update} of several jobs in one transaction: a job changed since it was read is left as it is, and
     * the others are stored. @return the stored jobs (with their new versions), in the order given
     */
    List<Job> updateAll(List<Job> jobs);

    /** How many jobs are in each of {@code states} (a state with none is absent). */
    java.util.Map<JobState, Long> countByState(java.util.Set<JobState> states);

    /**
     * A count that moves whenever a job may have been queued, by this process or by another sharing the database:
     * what {@link #awaitQueued} waits on.
     */
    long queuedSignals();

    /**
     * Waits until {@link #queuedSignals} has moved past {@code seen}, or for {@code max}: an idle worker's wait,
     * cut short when there may be work.
     */
    void awaitQueued(long seen, Duration max) throws InterruptedException;

    /**
     * Heartbeat: extends the claim while {@code worker} still holds the running job and the claim has not lapsed
     * at {@code now}. @return whether it did (false: the job may already be someone else's)
     */
    boolean extendClaim(JobId id, String worker, Instant now, Instant until);

    /**
     * Hands back a job whose claim lapsed: stores {@code outcome} only if the job is still running, unchanged, and
     * its claim is still expired at {@code now} (a late heartbeat wins). @return whether it did
     */
    boolean reap(Job expired, Job outcome, Instant now);

    /** Running jobs whose claim has expired: their worker stopped without finishing. */
    List<Job> expiredClaims(Instant now, int limit);

    Page<Job> list(Optional<String> type, Optional<JobState> state, PageRequest page);

    /** Removes finished jobs that finished before {@code before}, at most {@code limit}. @return how many */
    int deleteFinishedBefore(Instant before, int limit);

    /** When the schedule next runs; empty for a schedule that never ran. */
    Optional<Instant> scheduleNextRun(String name);

    /**
     * Moves the schedule from {@code expected} (empty: not yet created) to {@code next}, if nobody moved it first.
     * @return whether this caller won the period
     */
    boolean advanceSchedule(String name, Optional<Instant> expected, Instant next);
}
