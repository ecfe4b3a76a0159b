package io.buildfactory.domain.workitems;

import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A unit of delivery on the board. Its lane moves only through actions ({@link Action}); its status and state are
 * not stored but read off the lane and the block ({@link #status()}, {@link #state()}), so they cannot disagree.
 */
public record WorkItem(
        WorkItemId id,
        WorkItemKey key,
        String title,
        String description,
        WorkType workType,
        Lane lane,
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

    /** What the board calls the item's progress: {@code blocked} while held, else its lane's status. */
    public String status() {
        return blocked() ? "blocked" : lane.status();
    }

    /** Whether work on the item is {@code open}, {@code blocked} or {@code done}. */
    public String state() {
        if (lane == Lane.DONE) {
            return "done";
        }
        return blocked() ? "blocked" : "open";
    }

    public boolean blocked() {
        return blockedReason.isPresent();
    }

    public boolean allDoneCriteriaMet() {
        return doneCriteria.stream().allMatch(DoneCriterion::met);
    }

    /** The item as an update stores it: the same in every field, one version on. */
    public WorkItem nextVersion() {
        return copy(lane, blockedReason, lastValidation, updatedAt, version + 1);
    }

    /** The same item in {@code next} lane, blocked or not. */
    WorkItem moved(Lane next, Optional<String> blocked, Instant now) {
        return copy(next, blocked, lastValidation, now, version);
    }

    WorkItem validated(ValidationResult result, Instant now) {
        return copy(lane, blockedReason, Optional.of(result), now, version);
    }

    /** This item with what actions change: lane, block, validation, time, version. */
    private WorkItem copy(
            Lane newLane,
            Optional<String> newBlockedReason,
            Optional<ValidationResult> newValidation,
            Instant newUpdatedAt,
            long newVersion) {
        return new WorkItem(
                id,
                key,
                title,
                description,
                workType,
                newLane,
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

    /** Field edits; the lane and the block are not editable: actions move them. */
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
