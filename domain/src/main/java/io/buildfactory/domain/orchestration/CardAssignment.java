package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A card in a run: the feature branch its agent works on and the paths it may write (the profile's allowed
 * paths, narrowed for this card). Agents claim queued assignments; a lost execution returns it to the queue.
 */
public record CardAssignment(
        AssignmentId id,
        RunId run,
        CardId card,
        String featureBranch,
        List<PathPattern> allowedPaths,
        AssignmentStatus status,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public CardAssignment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(card, "card");
        featureBranch = Text.required("featureBranch", featureBranch, 250);
        if (featureBranch.contains("..")
                || featureBranch.chars().anyMatch(c -> c <= 0x20 || "~^:?*[\\".indexOf(c) >= 0)) {
            throw new InvalidInputException("featureBranch", "must be a branch name git accepts, like bf/card-12");
        }
        allowedPaths = List.copyOf(allowedPaths);
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public static CardAssignment queue(
            AssignmentId id, RunId run, CardId card, String featureBranch, List<PathPattern> allowed, Instant now) {
        return new CardAssignment(id, run, card, featureBranch, allowed, AssignmentStatus.QUEUED, now, now, 1);
    }

    public CardAssignment moveTo(AssignmentStatus next, Instant now) {
        status.check(next, "assignment");
        return new CardAssignment(id, run, card, featureBranch, allowedPaths, next, createdAt, now, version + 1);
    }

    /** Whether the assignment lets its agent write {@code path}: no allowed paths means the whole repository. */
    public boolean allows(String path) {
        return allowedPaths.isEmpty() || allowedPaths.stream().anyMatch(p -> p.matches(path));
    }
}
