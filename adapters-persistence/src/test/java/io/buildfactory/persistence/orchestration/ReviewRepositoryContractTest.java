package io.buildfactory.persistence.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CandidateState;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.CheckId;
import io.buildfactory.domain.orchestration.CheckStatus;
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
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.planning.JooqCardRepository;
import io.buildfactory.persistence.planning.JooqWorkflowRepository;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReviewRepositoryContractTest extends OnBothEngines {

    JooqReviewRepository reviews;
    OrchestrationRun run;
    CardAssignment assignment;
    User agent;
    User reviewer;

    @BeforeEach
    void run() {
        reviews = new JooqReviewRepository(db.database());
        JooqRunRepository runs = new JooqRunRepository(db.database());
        Project bf = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(bf);
        Workflow w = fixtures.workflow(bf.id(), "V");
        new JooqWorkflowRepository(db.database()).insert(w);
        Activity a = fixtures.activity(w, "V");
        new JooqWorkflowRepository(db.database()).insert(a);
        Card card = fixtures.card(a, "V");
        new JooqCardRepository(db.database()).insert(card);
        agent = fixtures.user();
        reviewer = fixtures.user();
        run = OrchestrationRun.queue(
                new RunId(fixtures.id()),
                bf.id(),
                new RunScope.OfCard(card.id()),
                agent.id(),
                new RunInputs(List.of(), PolicyProfile.empty(bf.id())),
                Fixtures.NOW);
        runs.insert(run);
        assignment = CardAssignment.queue(
                new AssignmentId(fixtures.id()), run.id(), card.id(), "bf/x", List.of(), Fixtures.NOW);
        runs.insert(assignment);
    }

    @Test
    void checks_are_one_per_name_and_move_under_their_version() {
        RunCheck build = RunCheck.open(new CheckId(fixtures.id()), run.id(), "ci/build", true, Fixtures.NOW);
        RunCheck lint = RunCheck.open(new CheckId(fixtures.id()), run.id(), "ci/lint", false, Fixtures.NOW);
        reviews.insert(build);
        reviews.insert(lint);
        assertEquals(
                "name",
                assertThrows(
                                ConflictException.class,
                                () -> reviews.insert(RunCheck.open(
                                        new CheckId(fixtures.id()), run.id(), "ci/build", false, Fixtures.NOW)))
                        .field());
        RunCheck passed = build.moveTo(CheckStatus.PASSED, Optional.of("https://ci.example.com/1"), Fixtures.NOW);
        reviews.update(passed);
        assertEquals(Optional.of(passed), reviews.find(build.id()));
        assertEquals(Optional.of(passed), reviews.check(run.id(), "ci/build"));
        assertThrows(ConflictException.class, () -> reviews.update(passed), "stale");
        assertEquals(List.of(passed, lint), reviews.checksOf(run.id()));
    }

    @Test
    void a_candidate_per_assignment_and_one_open_approval_at_a_time() {
        PullRequestCandidate draft = PullRequestCandidate.draft(
                new CandidateId(fixtures.id()), assignment.id(), "bf/x", "Export", "Adds the export.", Fixtures.NOW);
        reviews.insert(draft);
        assertEquals(
                "assignment",
                assertThrows(
                                ConflictException.class,
                                () -> reviews.insert(PullRequestCandidate.draft(
                                        new CandidateId(fixtures.id()),
                                        assignment.id(),
                                        "bf/x",
                                        "Again",
                                        "",
                                        Fixtures.NOW)))
                        .field());
        PullRequestCandidate ready = draft.moveTo(CandidateState.READY, Optional.empty(), Fixtures.NOW);
        reviews.update(ready);
        assertEquals(Optional.of(ready), reviews.candidateOf(assignment.id()));
        ApprovalRequest open = ApprovalRequest.request(
                new ApprovalId(fixtures.id()), draft.id(), agent.id(), Fixtures.NOW, Fixtures.NOW.plusSeconds(3600));
        reviews.insert(open);
        assertThrows(
                ConflictException.class,
                () -> reviews.insert(ApprovalRequest.request(
                        new ApprovalId(fixtures.id()),
                        draft.id(),
                        agent.id(),
                        Fixtures.NOW,
                        Fixtures.NOW.plusSeconds(60))));
        ApprovalRequest approved =
                open.decide(true, reviewer.id(), agent.id(), Optional.of("LGTM"), Fixtures.NOW.plusSeconds(5));
        reviews.update(approved);
        assertEquals(Optional.of(approved), reviews.find(open.id()));
        ApprovalRequest next = ApprovalRequest.request(
                new ApprovalId(fixtures.id()), draft.id(), agent.id(), Fixtures.NOW, Fixtures.NOW.plusSeconds(60));
        reviews.insert(next);
        assertEquals(List.of(approved, next), reviews.approvalsOf(draft.id()), "once decided, another may open");
    }

    @Test
    void overdue_approvals_are_the_open_ones_past_their_expiry_soonest_first() {
        PullRequestCandidate draft = PullRequestCandidate.draft(
                new CandidateId(fixtures.id()), assignment.id(), "bf/x", "Export", "", Fixtures.NOW);
        reviews.insert(draft);
        ApprovalRequest decided = ApprovalRequest.request(
                new ApprovalId(fixtures.id()), draft.id(), agent.id(), Fixtures.NOW, Fixtures.NOW.plusSeconds(10));
        reviews.insert(decided);
        reviews.update(decided.decide(false, reviewer.id(), agent.id(), Optional.of("no"), Fixtures.NOW));
        ApprovalRequest open = ApprovalRequest.request(
                new ApprovalId(fixtures.id()), draft.id(), agent.id(), Fixtures.NOW, Fixtures.NOW.plusSeconds(60));
        reviews.insert(open);
        assertEquals(List.of(), reviews.overdueApprovals(Fixtures.NOW.plusSeconds(59), 10), "not yet");
        assertEquals(List.of(open), reviews.overdueApprovals(Fixtures.NOW.plusSeconds(60), 10), "at its expiry");
        reviews.update(open.expire(Fixtures.NOW.plusSeconds(60)));
        assertEquals(List.of(), reviews.overdueApprovals(Fixtures.NOW.plusSeconds(3600), 10), "expired once");
    }
}
