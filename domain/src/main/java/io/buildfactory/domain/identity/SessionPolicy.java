package io.buildfactory.domain.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How long sessions live: an idle timeout that activity extends, an absolute lifetime that nothing extends, and
 * how often activity is written (so that not every request writes).
 */
public record SessionPolicy(Duration idleTimeout, Duration absoluteLifetime, Duration touchInterval) {

    public static final SessionPolicy DEFAULT =
            new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(12), Duration.ofMinutes(1));

    public SessionPolicy {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(absoluteLifetime, "absoluteLifetime");
        Objects.requireNonNull(touchInterval, "touchInterval");
        if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteLifetime.compareTo(idleTimeout) < 0) {
            throw new IllegalArgumentException("need 0 < idle timeout <= absolute lifetime");
        }
    }

    public Session open(
            SessionId id,
            UserId user,
            TokenHash token,
            Instant now,
            Optional<String> clientAddress,
            Optional<String> userAgent) {
        return new Session(
                id,
                user,
                token,
                now,
                now,
                now.plus(idleTimeout),
                now.plus(absoluteLifetime),
                Optional.empty(),
                Optional.empty(),
                clientAddress,
                userAgent);
    }

    /**
     * The new idle deadline to record for activity at {@code now}, or empty when the last recorded activity is
     * recent enough that writing again would change little.
     */
    public Optional<Instant> touch(Session session, Instant now) {
        if (Duration.between(session.lastSeenAt(), now).compareTo(touchInterval) < 0) {
            return Optional.empty();
        }
        Instant idle = now.plus(idleTimeout);
        return Optional.of(idle.isAfter(session.absoluteExpiresAt()) ? session.absoluteExpiresAt() : idle);
    }
}
