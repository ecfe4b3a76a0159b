package io.buildfactory.domain.workitems;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the signals about an item agree: its lane, pull-request state and latest validation. Each disagreement is
 * a drift with its reconciliation guidance. (Status and state cannot drift: they are read off the lane.)
 */
public record QueueTruth(String freshness, long snapshotAgeSeconds, List<Drift> drift, List<String> guidance) {

    public static final String CONSISTENT = "No reconciliation required; item truth signals are consistent.";

    public record Drift(String signal, String finding, String guidance) {}

    public static QueueTruth of(WorkItem item, Instant readAt, Instant now) {
        long age = Math.max(0, Duration.between(readAt, now).toSeconds());
        List<Drift> drift = new ArrayList<>();
        boolean merged = item.pullRequest()
                .map(pr -> pr.state() == PullRequest.State.MERGED)
                .orElse(false);
        if (item.lane() == Lane.DONE && !merged) {
            drift.add(new Drift(
                    "pull-request",
                    "Lane is Done but the pull request is "
                            + item.pullRequest().map(pr -> pr.state().code()).orElse("missing") + ".",
                    "Link the merged pull request; if more delivery is needed, create a net-new work item."));
        }
        if ((item.lane() == Lane.BACKLOG || item.lane() == Lane.READY) && merged) {
            drift.add(new Drift(
                    "pull-request",
                    "The pull request is merged but the item is still in "
                            + item.lane().title() + ".",
                    "Move the item forward with its actions, or unlink a pull request that belongs elsewhere."));
        }
        item.lastValidation().filter(v -> !v.passed()).ifPresent(v -> {
            if (item.lane() == Lane.REVIEW || item.lane() == Lane.DONE) {
                drift.add(new Drift(
                        "validation",
                        "The latest validation failed (" + String.join(", ", v.failures()) + ") but the item is in "
                                + item.lane().title() + ".",
                        "Fix the failing checks and run Prepare release again."));
            }
        });
        List<String> guidance = drift.isEmpty()
                ? List.of(CONSISTENT)
                : drift.stream().map(Drift::guidance).toList();
        return new QueueTruth(age < 60 ? "fresh" : "stale", age, List.copyOf(drift), guidance);
    }
}
