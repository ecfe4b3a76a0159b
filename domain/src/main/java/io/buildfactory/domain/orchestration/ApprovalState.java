package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Codes;
import java.util.Set;

/** An approval request: requested → approved | rejected | withdrawn | expired, each final. */
public enum ApprovalState implements Lifecycle<ApprovalState> {
    REQUESTED,
    APPROVED,
    REJECTED,
    WITHDRAWN,
    EXPIRED;

    @Override
    public Set<ApprovalState> next() {
        return this == REQUESTED ? Set.of(APPROVED, REJECTED, WITHDRAWN, EXPIRED) : Set.of();
    }

    public String code() {
        return Codes.of(this);
    }

    public static ApprovalState parse(String code) {
        return Codes.parse(ApprovalState.class, "state", code);
    }
}
