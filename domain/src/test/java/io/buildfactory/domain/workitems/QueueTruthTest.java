package io.buildfactory.domain.workitems;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CandidateState;
import io.buildfactory.domain.orchestration.CheckId;
import io.buildfactory.domain.orchestration.CheckStatus;
import io.buildfactory.domain.orchestration.Delivery;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunInputs;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.orchestration.RunStatus;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.IdGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QueueTruthTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

    final IdGenerator ids = new IdGenerator(java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC), new Random(9));
    final CardId card = new CardId(ids.next());
    final UserId agent = new UserId(ids.next());
    final UserId reviewer = new UserId(ids.next());

    static List<String> drifts(QueueTruth truth) {
        return truth.drift().stream().map(QueueTruth.Drift::signal).toList();
    }

    @Test
    void an_item_with_nothing_observed_says_so_rather_than_claiming_fresh_data() {
        WorkItem backlog = ControlPolicyTest.item(new Random(3), Optional.empty(), List.of());
        QueueTruth truth = QueueTruth.of(backlog, Optional.empty(), FIFTEEN_MINUTES, T0.plusSeconds(3_600));
        assertEquals(QueueTruth.UNOBSERVED, truth.freshness());
        assertEquals(List.of(), truth.signals());
        assertEquals(List.of(QueueTruth.CONSISTENT), truth.guidance());
    }

    @Test
    void a_typed_pull_request_is_a_signal_as_old_as_the_edit_that_recorded_it() {
        WorkItem done = ControlPolicyTest.done(new Random(1));
        QueueTruth now = QueueTruth.of(done, Optional.empty(), FIFTEEN_MINUTES, T0);
        assertEquals(QueueTruth.FRESH, now.freshness());
        assertEquals(List.of(), now.drift());
        assertEquals(List.of(QueueTruth.CONSISTENT), now.guidance());
        QueueTruth later = QueueTruth.of(done, Optional.empty(), FIFTEEN_MINUTES, T0.plus(Duration.ofMinutes(16)));
        assertEquals(QueueTruth.STALE, later.freshness());
        assertEquals(16 * 60, later.snapshotAgeSeconds());
        assertTrue(
                later.guidance().getFirst().contains("pull-request"),
                later.guidance().toString());
    }

    @Test
    void disagreeing_typed_signals_are_each_reported_with_guidance() {
        WorkItem done = ControlPolicyTest.done(new Random(2));
        WorkItem drifted = new WorkItem(
                done.id(),
                done.key(),
                done.title(),
                done.description(),
                done.workType(),
                done.lane(),
                done.source(),
                done.branch(),
                done.validationCommand(),
                Optional.of(new PullRequest("https://example.com/pr/1", PullRequest.State.OPEN)),
                done.doneCriteria(),
                done.promptContext(),
                done.dependencies(),
                done.blockedReason(),
                Optional.of(new ValidationResult(false, List.of("branch recorded"), T0)),
                done.createdAt(),
                done.updatedAt(),
                done.version());
        QueueTruth truth = QueueTruth.of(drifted, Optional.empty(), FIFTEEN_MINUTES, T0);
        assertEquals(List.of("pull-request", "validation"), drifts(truth));
        assertEquals(
                "Lane is Done but the pull request is open.",
                truth.drift().get(0).finding());
        assertEquals(2, truth.guidance().size());
    }

    OrchestrationRun run(RunStatus status, Instant at) {
        OrchestrationRun run = OrchestrationRun.queue(
                new RunId(ids.next()),
                new ProjectId(ids.next()),
                new RunScope.OfCard(card),
                agent,
                new RunInputs(
                        List.of(), io.buildfactory.domain.planning.PolicyProfile.empty(new ProjectId(ids.next()))),
                at);
        if (status != RunStatus.QUEUED) {
            run = run.moveTo(RunStatus.RUNNING, at);
        }
        return status == RunStatus.QUEUED || status == RunStatus.RUNNING ? run : run.moveTo(status, at);
    }

    RunCheck check(RunId run, String name, CheckStatus status, Instant at) {
        RunCheck check = RunCheck.open(new CheckId(ids.next()), run, name, true, T0);
        return status == CheckStatus.PENDING ? check : check.moveTo(status, Optional.empty(), at);
    }

    PullRequestCandidate candidate(CandidateState state, Instant at) {
        PullRequestCandidate c = PullRequestCandidate.draft(
                new CandidateId(ids.next()), new AssignmentId(ids.next()), "bf/x", "Build it", "", T0);
        for (CandidateState next : List.of(CandidateState.READY, CandidateState.OPENED, CandidateState.MERGED)) {
            if (c.state() == state) {
                break;
            }
            c = c.moveTo(next, Optional.of("https://example.com/pr/7"), at);
        }
        return c;
    }

    ApprovalRequest approved(CandidateId candidate, Instant at) {
        return ApprovalRequest.request(new ApprovalId(ids.next()), candidate, agent, T0, T0.plus(Duration.ofDays(2)))
                .decide(true, reviewer, agent, Optional.of("looks right"), at);
    }

    @Test
    void a_linked_item_is_judged_by_what_orchestration_observed_not_by_its_typed_pull_request() {
        WorkItem done = ControlPolicyTest.done(new Random(4)); // typed PR: merged
        OrchestrationRun run = run(RunStatus.SUCCEEDED, T0.plusSeconds(60));
        PullRequestCandidate opened = candidate(CandidateState.OPENED, T0.plusSeconds(120));
        Delivery delivery = new Delivery(
                card,
                Optional.of(new Delivery.Progress(
                        run,
                        List.of(check(run.id(), "ci/build", CheckStatus.FAILED, T0.plusSeconds(90))),
                        Optional.of(opened),
                        Optional.empty())));
        QueueTruth truth = QueueTruth.of(done, Optional.of(delivery), FIFTEEN_MINUTES, T0.plusSeconds(180));
        assertEquals(List.of("checks", "pull-request-candidate", "approval"), drifts(truth));
        assertEquals(
                List.of("run", "check:ci/build", "pull-request-candidate"),
                truth.signals().stream().map(QueueTruth.Signal::signal).toList());
        assertEquals(120, truth.snapshotAgeSeconds(), "the oldest signal is the run, observed when it ended");
        assertEquals(QueueTruth.FRESH, truth.freshness());

        ValidationResult release = ControlPolicy.prepareRelease(done, Optional.of(delivery), T0.plusSeconds(180));
        assertEquals(
                List.of("required checks passed", "pull-request candidate merged", "approval approved"),
                release.failures());
    }

    @Test
    void a_delivered_card_agrees_with_a_done_item_until_its_signals_grow_older_than_the_profile_allows() {
        WorkItem done = ControlPolicyTest.done(new Random(5));
        OrchestrationRun run = run(RunStatus.SUCCEEDED, T0.plusSeconds(60));
        PullRequestCandidate merged = candidate(CandidateState.MERGED, T0.plusSeconds(100));
        Delivery delivery = new Delivery(
                card,
                Optional.of(new Delivery.Progress(
                        run,
                        List.of(check(run.id(), "ci/build", CheckStatus.PASSED, T0.plusSeconds(90))),
                        Optional.of(merged),
                        Optional.of(approved(merged.id(), T0.plusSeconds(95))))));
        Duration tenMinutes = Duration.ofMinutes(10);
        QueueTruth truth = QueueTruth.of(done, Optional.of(delivery), tenMinutes, T0.plusSeconds(600));
        assertEquals(List.of(), truth.drift());
        assertEquals(QueueTruth.FRESH, truth.freshness());
        assertEquals(540, truth.snapshotAgeSeconds());
        assertEquals(600, truth.staleAfterSeconds());
        assertEquals(List.of(QueueTruth.CONSISTENT), truth.guidance());

        QueueTruth stale = QueueTruth.of(done, Optional.of(delivery), tenMinutes, T0.plusSeconds(661));
        assertEquals(QueueTruth.STALE, stale.freshness());
        assertEquals(1, stale.guidance().size());
        assertTrue(
                stale.guidance().getFirst().contains("run, succeeded"),
                stale.guidance().toString());

        assertEquals(
                List.of(),
                ControlPolicy.prepareRelease(done, Optional.of(delivery), T0).failures());
    }

    @Test
    void a_started_item_whose_card_has_no_run_or_a_failed_one_is_drift() {
        WorkItem started = ControlPolicyTest.item(new Random(6), Optional.empty(), List.of());
        started = ControlPolicy.apply(started, Action.MARK_READY, T0, Optional.empty(), Optional.empty());
        started = ControlPolicy.apply(started, Action.START_EXECUTION, T0, Optional.empty(), Optional.empty());
        QueueTruth noRun =
                QueueTruth.of(started, Optional.of(new Delivery(card, Optional.empty())), FIFTEEN_MINUTES, T0);
        assertEquals(List.of("run"), drifts(noRun));
        assertEquals(QueueTruth.UNOBSERVED, noRun.freshness());
        assertEquals(
                List.of(
                        "a run of the card",
                        "required checks passed",
                        "pull-request candidate merged",
                        "approval approved"),
                ControlPolicy.prepareRelease(started, Optional.of(new Delivery(card, Optional.empty())), T0)
                        .failures()
                        .subList(0, 4));

        OrchestrationRun failed = run(RunStatus.FAILED, T0.plusSeconds(30));
        QueueTruth afterFailure = QueueTruth.of(
                started,
                Optional.of(new Delivery(
                        card,
                        Optional.of(new Delivery.Progress(failed, List.of(), Optional.empty(), Optional.empty())))),
                FIFTEEN_MINUTES,
                T0.plusSeconds(40));
        assertEquals(List.of("run"), drifts(afterFailure));
        assertTrue(afterFailure.drift().getFirst().finding().contains("failed"));
    }
}
