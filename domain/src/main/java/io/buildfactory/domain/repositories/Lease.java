package io.buildfactory.domain.repositories;

import io.buildfactory.domain.identity.UserId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The single-writer lease of a repository: one holder, for a fixed {@link #TERM}, never renewed. It ends when its
 * holder releases it or when its term runs out, and in no other way: a holder whose process died keeps it until
 * then. Held at {@code expiresAt - 1ns}, free at {@code expiresAt}.
 */
public record Lease(RepositoryId repository, UserId holder, FencingToken token, Instant acquiredAt, Instant expiresAt) {

    public static final Duration TERM = Duration.ofHours(72);

    public Lease {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean heldAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    /** Whether a write presenting {@code presented} by {@code writer} may go ahead at {@code now}. */
    public boolean admits(UserId writer, FencingToken presented, Instant now) {
        return heldAt(now) && holder.equals(writer) && token.equals(presented);
    }
}
