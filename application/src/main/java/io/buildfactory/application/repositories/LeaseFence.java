package io.buildfactory.application.repositories;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditActor;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.LeaseHeldException;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.RuleViolationException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The fence every write under a repository's lease passes, inside the write's own transaction: the lease row is
 * locked, and the write runs only if the lease is held now, by the writer, under the token presented. A refused
 * write is audited as denied in that same transaction, which commits; the caller throws the refusal afterwards.
 */
final class LeaseFence {

    private final LeaseRepository leases;
    private final AuditTrail audit;

    LeaseFence(LeaseRepository leases, AuditTrail audit) {
        this.leases = leases;
        this.audit = audit;
    }

    /** What a transaction decided: a value, or a refusal to throw once its audit entry is committed. */
    record Outcome<T>(T value, RuleViolationException refusal) {
        static <T> Outcome<T> of(T value) {
            return new Outcome<>(value, null);
        }

        static <T> Outcome<T> refused(RuleViolationException refusal) {
            return new Outcome<>(null, refusal);
        }

        /** The value; or, refused, tells {@code seen} (telemetry) and throws the refusal. */
        T orThrow(Consumer<RuleViolationException> seen) {
            if (refusal != null) {
                seen.accept(refusal);
                throw refusal;
            }
            return value;
        }
    }

    /**
     * Call inside a transaction: runs {@code write} if the fence lets {@code actor} through with {@code token}. The
     * time is read again once the lease row is locked, so a write that waited for the lock past the lease's expiry
     * is judged at the time it would land.
     */
    <T> Outcome<T> underLease(
            Actor actor,
            RepositoryId repository,
            FencingToken token,
            AuditAction action,
            Supplier<Instant> clock,
            Supplier<T> write) {
        Optional<Lease> locked = leases.lockCurrent(repository, clock.get());
        Instant now = clock.get();
        Optional<Lease> current = locked.filter(lease -> lease.heldAt(now));
        RuleViolationException refusal = current.isEmpty()
                ? notHeld(token)
                : current.get().admits(actor.userId(), token, now)
                        ? null
                        : LeaseHeldException.fenced(current.get(), token);
        if (refusal != null) {
            denied(actor, action, repository, Optional.of(token), refusal);
            return Outcome.refused(refusal);
        }
        return Outcome.of(write.get());
    }

    void denied(
            Actor actor,
            AuditAction action,
            RepositoryId repository,
            Optional<FencingToken> token,
            RuleViolationException why) {
        audit.record(
                new AuditTrail.Entry(
                        AuditActor.of(actor),
                        action,
                        AuditTarget.repository(repository),
                        AuditOutcome.DENIED,
                        token.map(t -> Map.of("rule", why.rule(), "token", t.toString()))
                                .orElse(Map.of("rule", why.rule()))),
                actor.request());
    }

    static RuleViolationException notHeld(FencingToken token) {
        return new RuleViolationException(
                "lease-not-held",
                "nobody holds the repository's lease (token " + token + " was released or expired): acquire it first");
    }
}
