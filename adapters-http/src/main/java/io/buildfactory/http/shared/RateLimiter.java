package io.buildfactory.http.shared;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (a user, a client address), in this server's memory: {@code perMinute} requests a minute
 * sustained, with bursts of a sixth of that (ten seconds' worth). A few lines of our own rather than a library:
 * one server's buckets need no distributed store, and with several servers each enforces its own share.
 * Buckets of keys that have gone quiet are dropped once there are many, so memory stays bounded.
 */
public final class RateLimiter {

    /** Keys kept before idle buckets are swept. */
    static final int SWEEP_AT = 50_000;

    private final double tokensPerNano;
    private final double burst;
    private final LongSupplier nanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** @param perMinute requests a minute; 0 turns the limit off */
    public RateLimiter(int perMinute, LongSupplier nanos) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("perMinute must not be negative");
        }
        this.tokensPerNano = perMinute / 60e9;
        this.burst = Math.max(1, Math.ceil(perMinute / 6.0));
        this.nanos = nanos;
    }

    public static RateLimiter perMinute(int perMinute) {
        return new RateLimiter(perMinute, System::nanoTime);
    }

    public boolean enabled() {
        return tokensPerNano > 0;
    }

    /** Takes one request's token for {@code key}: empty when allowed, else how long until one is free. */
    public Optional<Duration> take(String key) {
        if (!enabled()) {
            return Optional.empty();
        }
        long now = nanos.getAsLong();
        if (buckets.size() > SWEEP_AT) {
            buckets.values().removeIf(b -> b.fullAt(now));
        }
        return buckets.computeIfAbsent(key, k -> new Bucket(burst, now)).take(now);
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long at) {
            this.tokens = tokens;
            this.refilledAt = at;
        }

        synchronized Optional<Duration> take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / tokensPerNano)));
        }

        synchronized boolean fullAt(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * tokensPerNano);
            refilledAt = now;
        }
    }

    /** A caller over its limit: 429 with {@code Retry-After}; nothing of the request was done. */
    public static final class RateLimitedException extends RuntimeException {
        private final Duration retryAfter;

        public RateLimitedException(String who, Duration retryAfter) {
            super("too many requests from this " + who + "; try again in "
                    + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
