package io.buildfactory.domain.repositories;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.RuleViolationException;
import java.time.Instant;

/**
 * The lease is someone else's, or the write presented a token that is no longer the current grant's: who holds it
 * and until when, so the caller knows whom to ask and how long to wait.
 */
public final class LeaseHeldException extends RuleViolationException {

    /** Acquiring a lease someone holds. */
    public static LeaseHeldException held(Lease current) {
        return new LeaseHeldException(
                "lease-held", "the repository's lease is held", current.holder(), current.expiresAt(), current.token());
    }

    /** A write (or release) presenting a token that is not the current grant's, or by someone who does not hold it. */
    public static LeaseHeldException fenced(Lease current, FencingToken presented) {
        return new LeaseHeldException(
                "stale-fencing-token",
                "fencing token " + presented + " is not the current grant's (" + current.token() + ")",
                current.holder(),
                current.expiresAt(),
                current.token());
    }

    private final UserId holder;
    private final Instant expiresAt;
    private final FencingToken token;

    public LeaseHeldException(String rule, String message, UserId holder, Instant expiresAt, FencingToken token) {
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

    /** The current grant's token: what a write must present. */
    public FencingToken token() {
        return token;
    }
}
