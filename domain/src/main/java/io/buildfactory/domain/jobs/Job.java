package io.buildfactory.domain.jobs;

import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/** A unit of background work and where it stands. Transitions return the new job or refuse with a rule. */
public record Job(
        JobId id,
        String type,
        String payloadJson,
        JobState state,
        int priority,
        Instant runAt,
        int attempts,
        int maxAttempts,
        Optional<String> uniqueKey,
        Optional<String> correlationId,
        Optional<String> claimedBy,
        Optional<Instant> claimExpiresAt,
        Optional<String> resultJson,
        Optional<String> lastError,
        Instant createdAt,
        Instant updatedAt,
        Optional<Instant> finishedAt,
        long version) {

    public Job {
        Objects.requireNonNull(id, "id");
        type = Text.required("type", type, 100);
        if (payloadJson == null || !payloadJson.strip().startsWith("{")) {
            throw new IllegalArgumentException("a job payload is a JSON object");
        }
        Objects.requireNonNull(state, "state");
        runAt = Timestamps.stored(Objects.requireNonNull(runAt, "runAt"));
        if (maxAttempts < 1 || attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0 and maxAttempts >= 1");
        }
        uniqueKey = uniqueKey.map(k -> Text.required("uniqueKey", k, 200));
        correlationId = correlationId.map(c -> Text.required("correlationId", c, 200));
        claimExpiresAt = claimExpiresAt.map(Timestamps::stored);
        lastError = lastError.map(e -> e.length() > 2_000 ? e.substring(0, 2_000) : e);
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        updatedAt = Timestamps.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
        finishedAt = finishedAt.map(Timestamps::stored);
    }

    public static Job enqueue(
            JobId id,
            String type,
            String payloadJson,
            int priority,
            Instant runAt,
            int maxAttempts,
            Optional<String> uniqueKey,
            Instant now) {
        return enqueue(id, type, payloadJson, priority, runAt, maxAttempts, uniqueKey, Optional.empty(), now);
    }

    /**
     * A new job, queued; {@code correlationId} is that of the request that asked for it, so the entries the job
     * writes can be found with the request's.
     */
    public static Job enqueue(
            JobId id,
            String type,
            String payloadJson,
            int priority,
            Instant runAt,
            int maxAttempts,
            Optional<String> uniqueKey,
            Optional<String> correlationId,
            Instant now) {
        return new Job(
                id,
                type,
                payloadJson,
                JobState.QUEUED,
                priority,
                runAt,
                0,
                maxAttempts,
                uniqueKey,
                correlationId,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                now,
                now,
                Optional.empty(),
                1);
    }

    private Job to(
            JobState target,
            Instant runAt,
            int attempts,
            Optional<String> claimedBy,
            Optional<Instant> claimExpiresAt,
            Optional<String> result,
            Optional<String> error,
            Instant now) {
        if (!state.next().contains(target)) {
            throw new RuleViolationException(
                    "job-transition", "a " + state.code() + " job cannot become " + target.code());
        }
        return new Job(
                id,
                type,
                payloadJson,
                target,
                priority,
                runAt,
                attempts,
                maxAttempts,
                uniqueKey,
                correlationId,
                claimedBy,
                claimExpiresAt,
                result,
                error,
                createdAt,
                now,
                target.isFinished() ? Optional.of(now) : Optional.empty(),
                version);
    }

    /** The same job as stored under {@code next}: what the store hands back after writing it. */
    public Job withVersion(long next) {
        return new Job(
                id,
                type,
                payloadJson,
                state,
                priority,
                runAt,
                attempts,
                maxAttempts,
                uniqueKey,
                correlationId,
                claimedBy,
                claimExpiresAt,
                resultJson,
                lastError,
                createdAt,
                updatedAt,
                finishedAt,
                next);
    }

    /** A worker takes the job until {@code claimFor} from now; this is an attempt. */
    public Job claim(String worker, Instant now, Duration claimFor) {
        return to(
                JobState.RUNNING,
                runAt,
                attempts + 1,
                Optional.of(worker),
                Optional.of(now.plus(claimFor)),
                Optional.empty(),
                lastError,
                now);
    }

    public Job succeed(Optional<String> resultJson, Instant now) {
        return to(JobState.SUCCEEDED, runAt, attempts, claimedBy, Optional.empty(), resultJson, lastError, now);
    }

    /** A failed attempt: queued again after a backoff, or dead when the attempts are used up. */
    public Job fail(String error, Instant now, RetryPolicy retry, RandomGenerator random) {
        if (attempts >= maxAttempts) {
            return to(
                    JobState.DEAD,
                    runAt,
                    attempts,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(error),
                    now);
        }
        return to(
                JobState.QUEUED,
                now.plus(retry.delayAfter(attempts, random)),
                attempts,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(error),
                now);
    }

    /** A failure that retrying cannot fix (no handler for the type, say). */
    public Job failPermanently(String error, Instant now) {
        return to(
                JobState.FAILED,
                runAt,
                attempts,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(error),
                now);
    }

    /**
     * Back to the queue unstarted: claimed ahead of a free worker, and handed back at shutdown before any worker
     * took it. Its handler never ran, so the attempt is given back too.
     */
    public Job returnUnstarted(Instant now) {
        if (state != JobState.RUNNING) {
            throw new IllegalStateException("only a claimed job can be handed back: this one is " + state.code());
        }
        return to(
                JobState.QUEUED,
                now,
                attempts - 1,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                lastError,
                now);
    }

    /**
     * Back to the queue: the worker is shutting down mid-job. The attempt counts, so a job that hangs at every
     * shutdown still ends up dead.
     */
    public Job release(Instant now) {
        return to(
                JobState.QUEUED,
                now,
                attempts,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("released at shutdown before it finished"),
                now);
    }

    public Job cancel(Instant now) {
        return to(
                JobState.CANCELLED,
                runAt,
                attempts,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                lastError,
                now);
    }

    /** An operator runs a failed or dead job again, with a fresh set of attempts. */
    public Job retry(Instant now) {
        return new Job(
                id,
                type,
                payloadJson,
                to(JobState.QUEUED, now, 0, Optional.empty(), Optional.empty(), Optional.empty(), lastError, now)
                        .state(),
                priority,
                now,
                0,
                maxAttempts,
                uniqueKey,
                correlationId,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                lastError,
                createdAt,
                now,
                Optional.empty(),
                version);
    }
}
