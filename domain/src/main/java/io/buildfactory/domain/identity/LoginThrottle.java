package io.buildfactory.domain.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows password guessing. Failures are counted per key (an account, a client address) within a window; past
 * a threshold each further failure blocks the key for a delay that doubles, up to a cap.
 */
public record LoginThrottle(int threshold, Duration window, Duration baseDelay, Duration maxDelay) {

    public static final LoginThrottle PER_ACCOUNT =
            new LoginThrottle(5, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(15));
    public static final LoginThrottle PER_ADDRESS =
            new LoginThrottle(20, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(15));

    /** The failures recorded against one key. */
    public record Record(int failures, Instant windowStartedAt, Optional<Instant> blockedUntil) {

        public static Record none(Instant now) {
            return new Record(0, now, Optional.empty());
        }
    }

    /** How long the key must still wait at {@code now}, if it is blocked. */
    public Optional<Duration> waitAt(Record record, Instant now) {
        return record.blockedUntil().filter(now::isBefore).map(until -> Duration.between(now, until));
    }

    /** The record after one more failure at {@code now}. */
    public Record fail(Record record, Instant now) {
        boolean windowOver = !now.isBefore(record.windowStartedAt().plus(window));
        int failures = windowOver ? 1 : record.failures() + 1;
        Instant windowStart = windowOver ? now : record.windowStartedAt();
        if (failures < threshold) {
            return new Record(failures, windowStart, Optional.empty());
        }
        int doublings = Math.min(failures - threshold, 30);
        Duration delay = baseDelay.multipliedBy(1L << doublings);
        if (delay.compareTo(maxDelay) > 0) {
            delay = maxDelay;
        }
        return new Record(failures, windowStart, Optional.of(now.plus(delay)));
    }
}
