package io.buildfactory.domain.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JobTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    final Random random = new Random(12);
    final RetryPolicy retry = new RetryPolicy(Duration.ofSeconds(10), Duration.ofSeconds(60));

    Job queued(int maxAttempts) {
        return Job.enqueue(new JobId(Ulid.generate(T0, random)), "t", "{}", 0, T0, maxAttempts, Optional.empty(), T0);
    }

    @Test
    void a_claim_is_an_attempt_and_success_finishes_the_job() {
        Job running = queued(3).claim("w", T0, Duration.ofSeconds(30));
        assertEquals(JobState.RUNNING, running.state());
        assertEquals(1, running.attempts());
        assertEquals(Optional.of(T0.plusSeconds(30)), running.claimExpiresAt());
        Job done = running.succeed(Optional.of("{\"ok\":true}"), T0.plusSeconds(1));
        assertEquals(JobState.SUCCEEDED, done.state());
        assertEquals(Optional.of(T0.plusSeconds(1)), done.finishedAt());
        assertEquals(Optional.of("w"), done.claimedBy(), "who ran it stays on record");
        assertEquals(Optional.empty(), done.claimExpiresAt());
    }

    @Test
    void failures_requeue_with_backoff_until_the_last_attempt_then_the_job_is_dead() {
        Job job = queued(2).claim("w", T0, Duration.ofSeconds(30)).fail("boom", T0, retry, random);
        assertEquals(JobState.QUEUED, job.state());
        assertTrue(
                !job.runAt().isBefore(T0.plusSeconds(5)) && !job.runAt().isAfter(T0.plusSeconds(10)),
                job.runAt().toString());
        Job dead = job.claim("w", job.runAt(), Duration.ofSeconds(30)).fail("boom again", job.runAt(), retry, random);
        assertEquals(JobState.DEAD, dead.state());
        assertEquals(Optional.of("boom again"), dead.lastError());
    }

    @Test
    void illegal_transitions_are_refused_with_the_rule() {
        Job done = queued(1).claim("w", T0, Duration.ofSeconds(1)).succeed(Optional.empty(), T0);
        assertEquals(
                "job-transition",
                assertThrows(RuleViolationException.class, () -> done.cancel(T0))
                        .rule());
        assertThrows(RuleViolationException.class, () -> done.retry(T0));
        Job running = queued(1).claim("w", T0, Duration.ofSeconds(1));
        assertThrows(RuleViolationException.class, () -> running.cancel(T0), "running jobs are not cancelled");
        assertThrows(RuleViolationException.class, () -> queued(1).succeed(Optional.empty(), T0));
    }

    @Test
    void an_operator_retries_a_failed_job_with_fresh_attempts() {
        Job failed = queued(1).claim("w", T0, Duration.ofSeconds(1)).failPermanently("no handler", T0);
        Job again = failed.retry(T0.plusSeconds(5));
        assertEquals(JobState.QUEUED, again.state());
        assertEquals(0, again.attempts());
        assertEquals(T0.plusSeconds(5), again.runAt());
    }

    @Test
    void releasing_at_shutdown_requeues_and_counts_the_attempt() {
        Job released = queued(3).claim("w", T0, Duration.ofSeconds(1)).release(T0.plusSeconds(1));
        assertEquals(JobState.QUEUED, released.state());
        assertEquals(1, released.attempts());
    }

    @Test
    void backoff_doubles_stays_within_jitter_bounds_and_is_capped() {
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = Math.min(10_000L << (attempt - 1), 60_000L);
            for (int i = 0; i < 100; i++) {
                long delay = retry.delayAfter(attempt, random).toMillis();
                assertTrue(delay >= ceiling / 2 && delay <= ceiling, "attempt " + attempt + ": " + delay);
            }
        }
    }

    @Test
    void a_job_handed_back_unstarted_gets_its_attempt_back_and_keeps_its_last_error() {
        Job failedOnce = queued(3)
                .claim("w", T0, Duration.ofSeconds(1))
                .fail("boom", T0, RetryPolicy.DEFAULT, new java.util.Random(1));
        Job claimedAgain = failedOnce.claim("w", T0.plusSeconds(60), Duration.ofSeconds(1));
        Job returned = claimedAgain.returnUnstarted(T0.plusSeconds(61));
        assertEquals(JobState.QUEUED, returned.state());
        assertEquals(1, returned.attempts(), "only the attempt that ran counts");
        assertEquals(Optional.of("boom"), returned.lastError());
        assertEquals(Optional.empty(), returned.claimedBy());
        assertThrows(IllegalStateException.class, () -> returned.returnUnstarted(T0.plusSeconds(62)));
    }
}
