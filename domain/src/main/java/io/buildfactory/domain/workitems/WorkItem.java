package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of delivery on the board. Its lane moves only through actions ({@link Action}); its status and state
 * follow from the lane and the blocked flag, so the three never disagree when the domain writes them.
 */
public record WorkItem(
        WorkItemId id,
        WorkItemKey key,
        String title,
        String description,
        WorkType workType,
        Lane lane,
        String status,
        String state,
        String source,
        Optional<String> branch,
        Optional<String> validationCommand,
        Optional<PullRequest> pullRequest,
        List<DoneCriterion> doneCriteria,
        Optional<PromptContext> promptContext,
        List<WorkItemId> dependencies,
        Optional<String> blockedReason,
        Optional<ValidationResult> lastValidation,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public WorkItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        title = Text.required("title", title, 300);
        description = description == null ? "" : description.strip();
        Objects.requireNonNull(workType, "workType");
        Objects.requireNonNull(lane, "lane");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(state, "state");
        source = source == null || source.isBlank() ? "manual" : Text.required("source", source, 100);
        branch = branch.map(b -> Text.required("branch", b, 250));
        validationCommand = validationCommand.map(c -> Text.required("validationCommand", c, 1000));
        doneCriteria = List.copyOf(doneCriteria);
        dependencies = List.copyOf(dependencies);
        createdAt = Timestamps.stored(createdAt);
        updatedAt = Timestamps.stored(updatedAt);
    }

    public static WorkItem create(
            WorkItemId id,
            WorkItemKey key,
            String title,
            String description,
            WorkType type,
            String source,
            Optional<String> branch,
            Optional<String> validationCommand,
            Optional<PullRequest> pullRequest,
            List<DoneCriterion> doneCriteria,
            Optional<PromptContext> promptContext,
            List<WorkItemId> dependencies,
            Instant now) {
        return new WorkItem(
                id,
                key,
                title,
                description,
                type,
                Lane.BACKLOG,
                statusOf(Lane.BACKLOG, false),
                stateOf(Lane.BACKLOG, false),
                source,
                branch,
                validationCommand,
                pullRequest,
                doneCriteria,
                promptContext,
                dependencies,
                Optional.empty(),
                Optional.empty(),
                now,
                now,
                1);
    }

    static String statusOf(Lane lane, boolean blocked) {
        return blocked ? "blocked" : lane.status();
    }

    static String stateOf(Lane lane, boolean blocked) {
        if (lane == Lane.DONE) {
            return "done";
        }
        return blocked ? "blocked" : "open";
    }

    public boolean blocked() {
        return blockedReason.isPresent();
    }

    public boolean allDoneCriteriaMet() {
        return doneCriteria.stream().allMatch(DoneCriterion::met);
    }

    /** The item as an update stores it: the same in every field, one version on. */
    public WorkItem nextVersion() {
        return copy(lane, blockedReason, false, lastValidation, updatedAt, version + 1);
    }

    /** The same item in {@code next} lane (and blocked or not), with status and state to match. */
    WorkItem moved(Lane next, Optional<String> blocked, Instant now) {
        return copy(next, blocked, true, lastValidation, now, version);
    }

    WorkItem validated(ValidationResult result, Instant now) {
        return copy(lane, blockedReason, false, Optional.of(result), now, version);
    }

    /**
     * This item with what actions change: lane and block (with {@code moving}, status and state are derived from
     * them again; otherwise kept as they are), validation, time, version.
     */
    private WorkItem copy(
            Lane newLane,
            Optional<String> newBlockedReason,
            boolean moving,
            Optional<ValidationResult> newValidation,
            Instant newUpdatedAt,
            long newVersion) {
        boolean isBlocked = newBlockedReason.isPresent();
        return new WorkItem(
                id,
                key,
                title,
                description,
                workType,
                newLane,
                moving ? statusOf(newLane, isBlocked) : status,
                moving ? stateOf(newLane, isBlocked) : state,
                source,
                branch,
                validationCommand,
                pullRequest,
                doneCriteria,
                promptContext,
                dependencies,
                newBlockedReason,
                newValidation,
                createdAt,
                newUpdatedAt,
                newVersion);
    }

    /** Field edits; lane, status and state are not editable: actions move them. */
    public WorkItem edit(
            String newTitle,
            String newDescription,
            WorkType newType,
            Optional<String> newBranch,
            Optional<String> newValidationCommand,
            Optional<PullRequest> newPullRequest,
            List<DoneCriterion> newCriteria,
            Optional<PromptContext> newPrompt,
            List<WorkItemId> newDependencies,
            Instant now) {
        return new WorkItem(
                id,
                key,
                newTitle,
                newDescription,
                newType,
                lane,
                status,
                state,
                source,
                newBranch,
                newValidationCommand,
                newPullRequest,
                newCriteria,
                newPrompt,
                newDependencies,
                blockedReason,
                lastValidation,
                createdAt,
                now,
                version);
    }
}
