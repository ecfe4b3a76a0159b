package io.buildfactory.domain.jobs;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with jitter: the n-th retry waits between half and all of {@code base × 2^(n-1)}, capped.
 * Jitter spreads retries of jobs that failed together so they do not fail together again.
 */
public record RetryPolicy(Duration base, Duration cap) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(Duration.ofSeconds(5), Duration.ofHours(1));

    public Duration delayAfter(int attempts, RandomGenerator random) {
        long exponential = base.toMillis() << Math.min(Math.max(attempts - 1, 0), 30);
        long ceiling = Math.min(exponential, cap.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + (half > 0 ? random.nextLong(half + 1) : 0));
    }
}
