package io.buildfactory.http.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void a_key_gets_a_ten_second_burst_then_its_rate_and_is_told_how_long_to_wait() {
        RateLimiter limiter = new RateLimiter(60, now::get); // one a second, bursts of ten
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), limiter.take("alice"), "request " + i + " of the burst");
        }
        Optional<Duration> wait = limiter.take("alice");
        assertTrue(wait.isPresent());
        assertEquals(Duration.ofSeconds(1), wait.get());
        assertEquals(Optional.empty(), limiter.take("bob"), "another key has its own bucket");

        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertEquals(Duration.ofMillis(500), limiter.take("alice").orElseThrow(), "half a token back");
        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertEquals(Optional.empty(), limiter.take("alice"));
        now.addAndGet(Duration.ofMinutes(5).toNanos());
        for (int i = 0; i < 10; i++) {
            assertEquals(Optional.empty(), limiter.take("alice"), "a quiet key refills to its burst, no further");
        }
        assertTrue(limiter.take("alice").isPresent());
    }

    @Test
    void zero_is_no_limit() {
        RateLimiter off = new RateLimiter(0, now::get);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Optional.empty(), off.take("anyone"));
        }
    }

    @Test
    void quiet_keys_are_swept_so_memory_stays_bounded_under_many_callers() {
        RateLimiter limiter = new RateLimiter(600, now::get);
        for (int i = 0; i < RateLimiter.SWEEP_AT + 10; i++) {
            limiter.take("address-" + i);
        }
        now.addAndGet(Duration.ofMinutes(1).toNanos());
        limiter.take("one-more"); // finds the map over its bound: the refilled buckets go
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.empty(), limiter.take("address-" + i), "a swept key starts full again");
        }
    }
}
