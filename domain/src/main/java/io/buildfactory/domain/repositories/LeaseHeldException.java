package io.buildfactory.domain.repositories;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.RuleViolationException;
import java.time.Instant;
import java.util.Optional;

/**
 * The lease is someone else's, or the write presented a token that is no longer the current grant's: who holds it
 * and until when, so the caller knows whom to ask and how long to wait.
 */
public final class LeaseHeldException extends RuleViolationException {

    /** Acquiring a lease someone holds: the refused acquirer may learn the current token, it lets them do nothing. */
    public static LeaseHeldException held(Lease current) {
        return new LeaseHeldException(
                "lease-held",
                "the repository's lease is held",
                current.holder(),
                current.expiresAt(),
                Optional.of(current.token()));
    }

    /**
     * A write (or release) presenting a token that is not the current grant's, or by someone who does not hold it.
     * Never tells the current token: a stalled process of the holder must not learn it from its refusal.
     */
    public static LeaseHeldException fenced(Lease current, FencingToken presented) {
        return new LeaseHeldException(
                "stale-fencing-token",
                "fencing token " + presented + " is not the current grant's",
                current.holder(),
                current.expiresAt(),
                Optional.empty());
    }

    private final UserId holder;
    private final Instant expiresAt;
    private final Optional<FencingToken> token;

    public LeaseHeldException(
            String rule, String message, UserId holder, Instant expiresAt, Optional<FencingToken> token) {
        super(rule, message + ": held by " + holder + " until " + expiresAt);
        this.holder = holder;
        this.expiresAt = expiresAt;
        this.token = token;
    }

    public UserId holder() {
        return holder;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** The current grant's token, for a refused acquirer only. */
    public Optional<FencingToken> token() {
        return token;
    }
}
