package io.buildfactory.persistence.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.CheckId;
import io.buildfactory.domain.orchestration.Delivery;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunInputs;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.planning.JooqCardRepository;
import io.buildfactory.persistence.planning.JooqPolicyProfileRepository;
import io.buildfactory.persistence.planning.JooqWorkflowRepository;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliverySignalsContractTest extends OnBothEngines {

    JooqDeliverySignals signals;
    JooqRunRepository runs;
    JooqReviewRepository reviews;
    Project bf;
    Workflow workflow;
    Card card;
    Card other;
    User agent;

    @BeforeEach
    void plan() {
        signals = new JooqDeliverySignals(db.database());
        runs = new JooqRunRepository(db.database());
        reviews = new JooqReviewRepository(db.database());
        bf = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(bf);
        workflow = fixtures.workflow(bf.id(), "V");
        new JooqWorkflowRepository(db.database()).insert(workflow);
        Activity a = fixtures.activity(workflow, "V");
        new JooqWorkflowRepository(db.database()).insert(a);
        card = fixtures.card(a, "V");
        other = fixtures.card(a, "W");
        new JooqCardRepository(db.database()).insert(card);
        new JooqCardRepository(db.database()).insert(other);
        agent = fixtures.user();
    }

    OrchestrationRun run(RunScope scope, List<Card> cards, Optional<String> handoff, int secondsLater) {
        OrchestrationRun run = OrchestrationRun.queue(
                new RunId(fixtures.id()),
                bf.id(),
                scope,
                agent.id(),
                new RunInputs(List.of(), PolicyProfile.empty(bf.id())),
                handoff,
                Fixtures.NOW.plusSeconds(secondsLater));
        runs.insert(run);
        for (Card c : cards) {
            runs.insert(CardAssignment.queue(
                    new AssignmentId(fixtures.id()), run.id(), c.id(), "bf/x", List.of(), run.createdAt()));
        }
        return run;
    }

    @Test
    void a_card_without_a_run_has_a_delivery_without_progress_and_the_default_threshold() {
        assertEquals(new Delivery(card.id(), Optional.empty()), signals.of(card.id()));
        assertEquals(PolicyProfile.DEFAULT_SIGNALS_STALE_AFTER, signals.staleAfter(bf.key()));
        assertEquals(PolicyProfile.DEFAULT_SIGNALS_STALE_AFTER, signals.staleAfter(new ProjectKey("NONE")));
    }

    @Test
    void the_latest_run_of_the_card_counts_with_its_checks_the_cards_candidate_and_its_latest_approval() {
        run(new RunScope.OfCard(card.id()), List.of(card), Optional.empty(), 0);
        OrchestrationRun latest =
                run(new RunScope.OfWorkflow(workflow.id()), List.of(card, other), Optional.empty(), 5);
        run(new RunScope.OfCard(other.id()), List.of(other), Optional.empty(), 9); // another card's, later
        CardAssignment mine = runs.assignmentsOf(latest.id()).stream()
                .filter(a -> a.card().equals(card.id()))
                .findFirst()
                .orElseThrow();
        CardAssignment theirs = runs.assignmentsOf(latest.id()).stream()
                .filter(a -> a.card().equals(other.id()))
                .findFirst()
                .orElseThrow();
        RunCheck build = RunCheck.open(new CheckId(fixtures.id()), latest.id(), "ci/build", true, Fixtures.NOW);
        reviews.insert(build);
        PullRequestCandidate candidate =
                PullRequestCandidate.draft(new CandidateId(fixtures.id()), mine.id(), "bf/x", "Mine", "", Fixtures.NOW);
        reviews.insert(candidate);
        reviews.insert(PullRequestCandidate.draft(
                new CandidateId(fixtures.id()), theirs.id(), "bf/y", "Theirs", "", Fixtures.NOW));
        ApprovalRequest first = ApprovalRequest.request(
                new ApprovalId(fixtures.id()), candidate.id(), agent.id(), Fixtures.NOW, Fixtures.NOW.plusSeconds(60));
        reviews.insert(first);
        ApprovalRequest withdrawn = first.withdraw(Optional.empty(), Fixtures.NOW.plusSeconds(1));
        reviews.update(withdrawn);
        ApprovalRequest second = ApprovalRequest.request(
                new ApprovalId(fixtures.id()),
                candidate.id(),
                agent.id(),
                Fixtures.NOW.plusSeconds(2),
                Fixtures.NOW.plusSeconds(60));
        reviews.insert(second);

        Delivery delivery = signals.of(card.id());
        Delivery.Progress progress = delivery.latest().orElseThrow();
        assertEquals(latest.id(), progress.run().id());
        assertEquals(List.of(build), progress.checks());
        assertEquals(Optional.of(candidate), progress.candidate());
        assertEquals(Optional.of(second), progress.approval());
    }

    @Test
    void a_projects_threshold_comes_from_its_profile() {
        new JooqPolicyProfileRepository(db.database())
                .save(PolicyProfile.empty(bf.id())
                        .edit(List.of(), List.of(), List.of(), Duration.ofMinutes(3), Fixtures.NOW));
        assertEquals(Duration.ofMinutes(3), signals.staleAfter(bf.key()));
    }

    @Test
    void a_handoff_queues_one_run_whatever_happens() {
        OrchestrationRun handedOff = run(new RunScope.OfCard(card.id()), List.of(card), Optional.of("01JQ-item@3"), 0);
        assertEquals(Optional.of(handedOff), runs.findByHandoff("01JQ-item@3"));
        assertEquals(Optional.empty(), runs.findByHandoff("01JQ-item@4"));
        assertEquals(
                "handoff",
                assertThrows(
                                ConflictException.class,
                                () -> run(new RunScope.OfCard(card.id()), List.of(), Optional.of("01JQ-item@3"), 1))
                        .field());
        assertEquals(Optional.of(handedOff), runs.latestOf(card.id()));
    }
}
