package io.buildfactory.domain.workitems;

import io.buildfactory.domain.orchestration.Delivery;
import io.buildfactory.domain.orchestration.RunStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether the signals about an item agree with its lane, and how old they are. For an item linked to a card the
 * signals are what orchestration observed (the latest run, its checks, the pull-request candidate and its
 * approval); for any other item, the pull request typed on it. Each carries the time it was observed; freshness is
 * the age of the oldest, stale past the project's threshold. Each disagreement is a drift with its reconciliation
 * guidance. (Status and state cannot drift: they are read off the lane.)
 */
public record QueueTruth(
        String freshness,
        long snapshotAgeSeconds,
        long staleAfterSeconds,
        List<Signal> signals,
        List<Drift> drift,
        List<String> guidance) {

    public static final String CONSISTENT = "No reconciliation required; item truth signals are consistent.";
    public static final String FRESH = "fresh";
    public static final String STALE = "stale";
    /** Nothing has been observed yet: no run, no pull request, no validation. */
    public static final String UNOBSERVED = "unobserved";

    public record Signal(String signal, String value, Instant observedAt, long ageSeconds) {}

    public record Drift(String signal, String finding, String guidance) {}

    private static final Set<Lane> NOT_STARTED = EnumSet.of(Lane.BACKLOG, Lane.READY);
    private static final Set<Lane> UNDER_WAY = EnumSet.of(Lane.IN_PROGRESS, Lane.REVIEW);

    public static QueueTruth of(WorkItem item, Optional<Delivery> delivery, Duration staleAfter, Instant now) {
        List<Signal> signals = new ArrayList<>();
        List<Drift> drift = new ArrayList<>();
        if (delivery.isPresent()) {
            delivery.get().signals().forEach(s -> signals.add(signal(s.signal(), s.value(), s.observedAt(), now)));
            deliveryDrift(item, delivery.get(), drift);
        } else {
            item.pullRequest()
                    .ifPresent(
                            pr -> signals.add(signal("pull-request", pr.state().code(), item.updatedAt(), now)));
            typedDrift(item, drift);
        }
        item.lastValidation().ifPresent(v -> {
            signals.add(signal("validation", v.passed() ? "passed" : "failed", v.at(), now));
            if (!v.passed() && (item.lane() == Lane.REVIEW || item.lane() == Lane.DONE)) {
                drift.add(new Drift(
                        "validation",
                        "The latest validation failed (" + String.join(", ", v.failures()) + ") but the item is in "
                                + item.lane().title() + ".",
                        "Fix the failing checks and run Prepare release again."));
            }
        });
        List<String> guidance = new ArrayList<>();
        Optional<Signal> oldest = signals.stream().max(Comparator.comparingLong(Signal::ageSeconds));
        long age = oldest.map(Signal::ageSeconds).orElse(0L);
        boolean stale = age > staleAfter.toSeconds();
        if (stale) {
            guidance.add("The oldest signal (" + oldest.get().signal() + ", "
                    + oldest.get().value() + ") was observed "
                    + age + " s ago, past this project's " + staleAfter.toSeconds()
                    + " s: ask the agent or code host to report again before trusting the lane.");
        }
        drift.forEach(d -> guidance.add(d.guidance()));
        if (guidance.isEmpty()) {
            guidance.add(CONSISTENT);
        }
        return new QueueTruth(
                oldest.isEmpty() ? UNOBSERVED : stale ? STALE : FRESH,
                age,
                staleAfter.toSeconds(),
                List.copyOf(signals),
                List.copyOf(drift),
                List.copyOf(guidance));
    }

    private static Signal signal(String signal, String value, Instant observedAt, Instant now) {
        return new Signal(
                signal,
                value,
                observedAt,
                Math.max(0, Duration.between(observedAt, now).toSeconds()));
    }

    /** What orchestration observed, against the lane. */
    private static void deliveryDrift(WorkItem item, Delivery delivery, List<Drift> drift) {
        Lane lane = item.lane();
        if (delivery.latest().isEmpty()) {
            if (UNDER_WAY.contains(lane) || lane == Lane.DONE) {
                drift.add(new Drift(
                        "run",
                        "The item is in " + lane.title() + " but its card has no run.",
                        "Its handoff may still be queued (GET /api/jobs?type=runs.handoff); otherwise start a run"
                                + " of the card (POST /api/projects/{key}/runs)."));
            }
            return;
        }
        Delivery.Progress p = delivery.latest().get();
        RunStatus run = p.run().status();
        if ((run == RunStatus.FAILED || run == RunStatus.CANCELLED) && UNDER_WAY.contains(lane)) {
            drift.add(new Drift(
                    "run",
                    "The latest run of the card " + run.code() + " but the item is in " + lane.title() + ".",
                    "Start a new run of the card, or block the item until someone looks at the run."));
        }
        if ((run == RunStatus.QUEUED || run == RunStatus.RUNNING) && NOT_STARTED.contains(lane)) {
            drift.add(new Drift(
                    "run",
                    "A run of the card is " + run.code() + " but the item is still in " + lane.title() + ".",
                    "Start execution on the item, or cancel the run if it was started by mistake."));
        }
        List<String> failed = p.requiredFailed();
        if (!failed.isEmpty() && (lane == Lane.REVIEW || lane == Lane.DONE)) {
            drift.add(new Drift(
                    "checks",
                    "Required checks failed (" + String.join(", ", failed) + ") but the item is in " + lane.title()
                            + ".",
                    "Fix the code and report the checks again; the candidate cannot move on until they pass."));
        }
        if (lane == Lane.DONE && !p.merged()) {
            drift.add(new Drift(
                    "pull-request-candidate",
                    "Lane is Done but the pull-request candidate is "
                            + p.candidate().map(c -> c.state().code()).orElse("missing") + ".",
                    "Merge the candidate (it needs an approval), or create a net-new work item for the rest."));
        }
        if (p.merged() && (NOT_STARTED.contains(lane) || lane == Lane.IN_PROGRESS)) {
            drift.add(new Drift(
                    "pull-request-candidate",
                    "The pull-request candidate is merged but the item is still in " + lane.title() + ".",
                    "Move the item forward with its actions."));
        }
        if (lane == Lane.DONE && !p.approved()) {
            drift.add(new Drift(
                    "approval",
                    "Lane is Done but the candidate's approval is "
                            + p.approval().map(a -> a.state().code()).orElse("missing") + ".",
                    "Ask a reviewer holding factory.review.approve to decide the candidate's approval."));
        }
    }

    /** The pull request a user typed on an item with no card, against the lane. */
    private static void typedDrift(WorkItem item, List<Drift> drift) {
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
        if (NOT_STARTED.contains(item.lane()) && merged) {
            drift.add(new Drift(
                    "pull-request",
                    "The pull request is merged but the item is still in "
                            + item.lane().title() + ".",
                    "Move the item forward with its actions, or unlink a pull request that belongs elsewhere."));
        }
    }
}
