package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A login session. Valid until the idle deadline or the absolute one, whichever comes first, unless revoked.
 * Activity moves the idle deadline, never the absolute one.
 */
public record Session(
        SessionId id,
        UserId userId,
        TokenHash tokenHash,
        Instant createdAt,
        Instant lastSeenAt,
        Instant idleExpiresAt,
        Instant absoluteExpiresAt,
        Optional<Instant> endedAt,
        Optional<SessionEndReason> endReason,
        Optional<String> clientAddress,
        Optional<String> userAgent) {

    public Session {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(tokenHash, "tokenHash");
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        lastSeenAt = Timestamps.stored(Objects.requireNonNull(lastSeenAt, "lastSeenAt"));
        idleExpiresAt = Timestamps.stored(Objects.requireNonNull(idleExpiresAt, "idleExpiresAt"));
        absoluteExpiresAt = Timestamps.stored(Objects.requireNonNull(absoluteExpiresAt, "absoluteExpiresAt"));
        endedAt = endedAt.map(Timestamps::stored);
        if (endedAt.isPresent() != endReason.isPresent()) {
            throw new IllegalArgumentException("a session ends with both a time and a reason, or with neither");
        }
        if (idleExpiresAt.isAfter(absoluteExpiresAt)) {
            idleExpiresAt = absoluteExpiresAt;
        }
    }

    /** Whether the session may be used at {@code now}. */
    public boolean isValidAt(Instant now) {
        return endedAt.isEmpty() && now.isBefore(idleExpiresAt) && now.isBefore(absoluteExpiresAt);
    }
}
