package io.buildfactory.domain.workitems;

import io.buildfactory.domain.orchestration.Delivery;
import io.buildfactory.domain.shared.RuleViolationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rules of the board, as pure functions: each gate's verdict on an action, and the item an action leaves.
 * No I/O: the caller supplies what the gates need (the dependencies' lanes).
 */
public final class ControlPolicy {

    private ControlPolicy() {}

    /** Each gate the profile applies to the action, with its verdict, in the profile's order. */
    public static List<GateVerdict> evaluate(
            WorkItem item, Action action, PolicyProfile profile, Function<WorkItemId, Optional<Lane>> dependencyLane) {
        List<GateVerdict> verdicts = new ArrayList<>();
        for (Map.Entry<Gate, PolicyProfile.Mode> entry : profile.gatesOf(action).entrySet()) {
            GateVerdict verdict = verdict(entry.getKey(), item, action, dependencyLane);
            verdicts.add(entry.getValue() == PolicyProfile.Mode.EVALUATE ? verdict.evaluatedOnly() : verdict);
        }
        return verdicts;
    }

    private static GateVerdict verdict(
            Gate gate, WorkItem item, Action action, Function<WorkItemId, Optional<Lane>> dependencyLane) {
        return switch (gate) {
            case LANE_TRANSITION -> laneTransition(item, action);
            case LANE_ELIGIBILITY -> laneEligibility(item, action);
            case PULL_REQUEST -> pullRequest(item, action);
            case CONTEXT_VISIBILITY ->
                item.promptContext().isPresent()
                        ? GateVerdict.pass(gate)
                        : GateVerdict.blocked(
                                gate,
                                "There is no prompt context to capture for " + action.title() + ".",
                                "Context visibility policy needs a prompt context before history is captured.",
                                "Add the prompt context (path and text) to the work item.",
                                "Retry " + action.title() + " once the prompt context is set.");
            case DEPENDENCIES -> dependencies(item, action, dependencyLane);
            case REQUIRED_CHECKS, COMMIT_PATHS ->
                throw new IllegalArgumentException(gate.code() + " holds candidates, not work-item actions");
            case DONE_CRITERIA ->
                item.allDoneCriteriaMet()
                        ? GateVerdict.pass(gate)
                        : GateVerdict.blocked(
                                gate,
                                unmet(item) + " of " + item.doneCriteria().size() + " done criteria are not met.",
                                "Done-criteria policy requires every criterion met before " + action.title() + ".",
                                "Meet the open criteria and mark them met on the work item.",
                                "Retry " + action.title() + " once every criterion is met.");
        };
    }

    private static long unmet(WorkItem item) {
        return item.doneCriteria().stream().filter(c -> !c.met()).count();
    }

    /** Done items stay closed: no action moves them backward (the seeds' wording). */
    private static GateVerdict laneTransition(WorkItem item, Action action) {
        if (item.lane() == Lane.DONE) {
            return GateVerdict.blocked(
                    Gate.LANE_TRANSITION,
                    "Done items stay closed; " + action.title() + " cannot move them backward.",
                    "Lane transition policy blocks " + action.title() + " when the item is already Done.",
                    "Create a net-new work item if more delivery is needed instead of reopening this one.",
                    "Do not retry " + action.title() + " on a done item.");
        }
        return GateVerdict.pass(Gate.LANE_TRANSITION);
    }

    private static GateVerdict laneEligibility(WorkItem item, Action action) {
        Optional<Lane> needed = action.startsFrom().filter(lane -> lane != item.lane());
        Optional<String> problem = needed.map(Lane::title);
        if (problem.isPresent()) {
            return GateVerdict.blocked(
                    Gate.LANE_ELIGIBILITY,
                    action.title() + " needs the item in " + problem.get() + "; it is in "
                            + item.lane().title() + ".",
                    "Lane eligibility policy allows " + action.title() + " only from " + problem.get() + ".",
                    "Move the item to " + problem.get() + " first.",
                    "Safe to retry " + action.title() + " once the item is in " + problem.get() + ".");
        }
        if (action == Action.BLOCK && item.blocked()) {
            return GateVerdict.blocked(
                    Gate.LANE_ELIGIBILITY,
                    "The item is already blocked.",
                    "Lane eligibility policy blocks an item once.",
                    "Unblock it first if the reason changed.",
                    "Retrying Block changes nothing.");
        }
        if (action == Action.UNBLOCK && !item.blocked()) {
            return GateVerdict.blocked(
                    Gate.LANE_ELIGIBILITY,
                    "The item is not blocked.",
                    "Lane eligibility policy unblocks only blocked items.",
                    "Nothing to do.",
                    "Retrying Unblock changes nothing.");
        }
        if (item.blocked() && action != Action.UNBLOCK && action != Action.RECORD_HISTORY && action != Action.BLOCK) {
            return GateVerdict.blocked(
                    Gate.LANE_ELIGIBILITY,
                    "The item is blocked: " + item.blockedReason().orElse("") + ".",
                    "Lane eligibility policy holds blocked items in place.",
                    "Resolve the block and unblock the item.",
                    "Retry " + action.title() + " after Unblock.");
        }
        return GateVerdict.pass(Gate.LANE_ELIGIBILITY);
    }

    private static GateVerdict pullRequest(WorkItem item, Action action) {
        boolean needsMerged = action == Action.COMPLETE || action == Action.PREPARE_RELEASE;
        Optional<PullRequest> pr = item.pullRequest();
        if (pr.isEmpty()) {
            return GateVerdict.blocked(
                    Gate.PULL_REQUEST,
                    "No pull request is linked to the item.",
                    "Pull-request policy requires a linked pull request for " + action.title() + ".",
                    "Link the pull request (URL and state) on the work item.",
                    "Safe to retry " + action.title() + " once a pull request is linked.");
        }
        if (needsMerged && pr.get().state() != PullRequest.State.MERGED) {
            return GateVerdict.blocked(
                    Gate.PULL_REQUEST,
                    "The pull request is " + pr.get().state().code() + ", not merged.",
                    "Pull-request policy requires a merged pull request for " + action.title() + ".",
                    "Merge the pull request and update its state on the work item.",
                    "Safe to retry " + action.title() + " once the pull request is merged.");
        }
        if (!needsMerged && pr.get().state() == PullRequest.State.CLOSED) {
            return GateVerdict.blocked(
                    Gate.PULL_REQUEST,
                    "The pull request was closed without merging.",
                    "Pull-request policy requires an open or merged pull request for " + action.title() + ".",
                    "Open a new pull request and link it.",
                    "Safe to retry once a live pull request is linked.");
        }
        return GateVerdict.pass(Gate.PULL_REQUEST);
    }

    private static GateVerdict dependencies(
            WorkItem item, Action action, Function<WorkItemId, Optional<Lane>> dependencyLane) {
        long open = item.dependencies().stream()
                .filter(d -> dependencyLane.apply(d).map(l -> l != Lane.DONE).orElse(true))
                .count();
        if (open > 0) {
            return GateVerdict.blocked(
                    Gate.DEPENDENCIES,
                    open + " of " + item.dependencies().size() + " dependencies are not done.",
                    "Dependency policy holds " + action.title() + " until every dependency is done.",
                    "Finish the dependencies first.",
                    "Safe to retry " + action.title() + " once they are done.");
        }
        return GateVerdict.pass(Gate.DEPENDENCIES);
    }

    /**
     * The item after {@code action}, which the gates allowed. A guard against callers that skipped them:
     * an action whose lane rule does not hold is refused.
     */
    public static WorkItem apply(
            WorkItem item,
            Action action,
            Instant now,
            Optional<String> blockReason,
            Optional<ValidationResult> validation) {
        if (laneTransition(item, action).stops()
                && action != Action.PREPARE_RELEASE
                && action != Action.RECORD_HISTORY) {
            throw new RuleViolationException("lane-transition", "done items stay closed");
        }
        // The lane rules hold even where a policy profile only evaluates (or leaves out) the lane gates.
        Optional<Lane> from = action.startsFrom();
        if (from.isPresent() && item.lane() != from.get()) {
            throw new RuleViolationException(
                    "lane-eligibility",
                    action.title() + " moves items only from " + from.get().title() + "; this one is in "
                            + item.lane().title());
        }
        if (item.blocked() && from.isPresent() && action != Action.PREPARE_RELEASE) {
            throw new RuleViolationException("lane-eligibility", "blocked items do not move: unblock it first");
        }
        return switch (action) {
            case MARK_READY -> item.moved(Lane.READY, Optional.empty(), now);
            case START_EXECUTION -> item.moved(Lane.IN_PROGRESS, Optional.empty(), now);
            case REQUEST_REVIEW -> item.moved(Lane.REVIEW, Optional.empty(), now);
            case COMPLETE -> item.moved(Lane.DONE, Optional.empty(), now);
            case BLOCK -> item.moved(item.lane(), Optional.of(blockReason.orElse("blocked")), now);
            case UNBLOCK -> item.moved(item.lane(), Optional.empty(), now);
            case PREPARE_RELEASE -> item.validated(validation.orElseThrow(), now);
            case RECORD_HISTORY -> item;
        };
    }

    /**
     * Release preparation: the checks a done item must pass to ship. An item linked to a card is judged by what
     * orchestration observed of the card's latest run (required checks passed, candidate merged, approval
     * approved), not by fields typed on it; any other item by its typed pull request and branch.
     */
    public static ValidationResult prepareRelease(WorkItem item, Optional<Delivery> delivery, Instant now) {
        List<String> failures = new ArrayList<>();
        if (delivery.isPresent()) {
            Optional<Delivery.Progress> latest = delivery.get().latest();
            if (latest.isEmpty()) {
                failures.add("a run of the card");
            }
            if (latest.map(p -> !p.requiredNotPassed().isEmpty()).orElse(true)) {
                failures.add("required checks passed");
            }
            if (!latest.map(Delivery.Progress::merged).orElse(false)) {
                failures.add("pull-request candidate merged");
            }
            if (!latest.map(Delivery.Progress::approved).orElse(false)) {
                failures.add("approval approved");
            }
        } else {
            if (item.pullRequest()
                    .map(pr -> pr.state() != PullRequest.State.MERGED)
                    .orElse(true)) {
                failures.add("pull request merged");
            }
            if (item.branch().isEmpty()) {
                failures.add("branch recorded");
            }
        }
        if (!item.allDoneCriteriaMet()) {
            failures.add("all done criteria met");
        }
        if (item.validationCommand().isEmpty()) {
            failures.add("validation command recorded");
        }
        return new ValidationResult(failures.isEmpty(), failures, now);
    }
}
