package io.buildfactory.domain.orchestration;

import io.buildfactory.domain.planning.CardId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What orchestration has observed of a card's delivery: its latest run with that run's checks, the card's
 * pull-request candidate in the run and the candidate's latest approval. Each is a signal stamped with the time it
 * was observed (reported or decided), from which queue truth computes freshness and drift, and release
 * preparation its verdict. No run yet is a delivery without {@link #latest}.
 */
public record Delivery(CardId card, Optional<Progress> latest) {

    public Delivery {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(latest, "latest");
    }

    /** The latest run of the card and what it produced for it. */
    public record Progress(
            OrchestrationRun run,
            List<RunCheck> checks,
            Optional<PullRequestCandidate> candidate,
            Optional<ApprovalRequest> approval) {

        public Progress {
            Objects.requireNonNull(run, "run");
            checks = List.copyOf(checks);
            Objects.requireNonNull(candidate, "candidate");
            Objects.requireNonNull(approval, "approval");
        }

        /** The required checks that have not passed (skipped counts as not passed), by name. */
        public List<String> requiredNotPassed() {
            return checks.stream()
                    .filter(RunCheck::required)
                    .filter(c -> c.status() != CheckStatus.PASSED)
                    .map(RunCheck::name)
                    .toList();
        }

        public List<String> requiredFailed() {
            return checks.stream()
                    .filter(RunCheck::required)
                    .filter(c -> c.status() == CheckStatus.FAILED)
                    .map(RunCheck::name)
                    .toList();
        }

        public boolean merged() {
            return candidate.map(c -> c.state() == CandidateState.MERGED).orElse(false);
        }

        public boolean approved() {
            return approval.map(a -> a.state() == ApprovalState.APPROVED).orElse(false);
        }
    }

    /** One truth signal: what it is, its value, and when it was observed. */
    public record Signal(String signal, String value, Instant observedAt) {}

    /** Every signal, run first, then checks by name, then the candidate and its approval. */
    public List<Signal> signals() {
        List<Signal> signals = new ArrayList<>();
        latest.ifPresent(p -> {
            OrchestrationRun run = p.run();
            signals.add(new Signal(
                    "run",
                    run.status().code(),
                    run.finishedAt().or(run::startedAt).orElse(run.createdAt())));
            p.checks().stream()
                    .sorted(Comparator.comparing(RunCheck::name))
                    .forEach(c -> signals.add(new Signal(
                            "check:" + c.name(),
                            c.status().code(),
                            c.completedAt().or(c::startedAt).orElse(c.createdAt()))));
            p.candidate()
                    .ifPresent(c -> signals.add(
                            new Signal("pull-request-candidate", c.state().code(), c.updatedAt())));
            p.approval()
                    .ifPresent(a -> signals.add(new Signal(
                            "approval", a.state().code(), a.decidedAt().orElse(a.requestedAt()))));
        });
        return List.copyOf(signals);
    }
}
