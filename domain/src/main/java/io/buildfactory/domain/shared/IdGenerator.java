package io.buildfactory.domain.shared;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Makes new ULIDs from an injected clock and random source, so tests can fix both. Monotonic: ids made within
 * the same millisecond (or while the clock stands still or steps back) increase by one, so id order is always
 * creation order.
 */
public final class IdGenerator {

    private static final long FORTY_BITS = (1L << 40) - 1;

    private final Clock clock;
    private final RandomGenerator random;
    private long lastMillis = -1;
    private long high;
    private long low;

    public IdGenerator(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public synchronized Ulid next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            high = random.nextLong() >>> 24;
            low = random.nextLong() >>> 24;
        } else {
            low = (low + 1) & FORTY_BITS;
            if (low == 0) {
                high = (high + 1) & FORTY_BITS;
                if (high == 0) {
                    lastMillis++; // 80 bits used up within one millisecond: borrow the next one
                }
            }
        }
        return Ulid.of(Instant.ofEpochMilli(lastMillis), high, low);
    }

    /** Ids from the clock and a cryptographically strong source: what the service runs with. */
    public static IdGenerator secure(Clock clock) {
        return new IdGenerator(clock, new SecureRandom());
    }
}
