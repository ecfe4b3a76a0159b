package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The approval of a pull-request candidate: requested, then approved or rejected by someone other than the agent
 * that wrote it, withdrawn by the requester, or expired when nobody decided in time.
 */
public record ApprovalRequest(
        ApprovalId id,
        CandidateId candidate,
        UserId requestedBy,
        ApprovalState state,
        Optional<UserId> decidedBy,
        Optional<String> reason,
        Instant requestedAt,
        Instant expiresAt,
        Optional<Instant> decidedAt,
        long version) {

    public ApprovalRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(candidate, "candidate");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(decidedBy, "decidedBy");
        reason = Text.optional("reason", reason, 4000);
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (!expiresAt.isAfter(requestedAt)) {
            throw new IllegalArgumentException("an approval request expires after it was made");
        }
    }

    public static ApprovalRequest request(
            ApprovalId id, CandidateId candidate, UserId requestedBy, Instant now, Instant expiresAt) {
        return new ApprovalRequest(
                id,
                candidate,
                requestedBy,
                ApprovalState.REQUESTED,
                Optional.empty(),
                Optional.empty(),
                now,
                expiresAt,
                Optional.empty(),
                1);
    }

    /**
     * Approved or rejected by {@code decider}, who must not be the agent whose work it is; a request past its
     * expiry can no longer be decided (it is expired instead).
     */
    public ApprovalRequest decide(boolean approve, UserId decider, UserId author, Optional<String> why, Instant now) {
        if (decider.equals(author)) {
            throw new RuleViolationException(
                    "four-eyes", "the agent that wrote the change cannot approve or reject it: another person must");
        }
        if (state == ApprovalState.REQUESTED && !now.isBefore(expiresAt)) {
            throw new RuleViolationException("approval-expired", "the approval request expired at " + expiresAt);
        }
        return settle(approve ? ApprovalState.APPROVED : ApprovalState.REJECTED, Optional.of(decider), why, now);
    }

    public ApprovalRequest withdraw(Optional<String> why, Instant now) {
        return settle(ApprovalState.WITHDRAWN, Optional.empty(), why, now);
    }

    public ApprovalRequest expire(Instant now) {
        return settle(ApprovalState.EXPIRED, Optional.empty(), Optional.empty(), now);
    }

    private ApprovalRequest settle(ApprovalState next, Optional<UserId> by, Optional<String> why, Instant now) {
        state.check(next, "approval");
        return new ApprovalRequest(
                id, candidate, requestedBy, next, by, why, requestedAt, expiresAt, Optional.of(now), version + 1);
    }
}
