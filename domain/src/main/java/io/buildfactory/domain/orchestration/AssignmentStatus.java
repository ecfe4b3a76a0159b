package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.shared.Codes;
import java.util.Set;

/**
 * A card's assignment in a run: queued (claimable) → claimed by an execution → completed | failed; an execution
 * lost by its agent puts the assignment back in the queue; a queued or claimed one is cancelled with its run.
 */
public enum AssignmentStatus implements Lifecycle<AssignmentStatus> {
    QUEUED,
    CLAIMED,
    COMPLETED,
    FAILED,
    CANCELLED;

    @Override
    public Set<AssignmentStatus> next() {
        return switch (this) {
            case QUEUED -> Set.of(CLAIMED, CANCELLED);
            case CLAIMED -> Set.of(QUEUED, COMPLETED, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> Set.of();
        };
    }

    public String code() {
        return Codes.of(this);
    }

    public static AssignmentStatus parse(String code) {
        return Codes.parse(AssignmentStatus.class, "status", code);
    }
}
