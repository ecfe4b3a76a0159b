package io.buildfactory.persistence.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentCommit.FileChange;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.ChangeKind;
import io.buildfactory.domain.orchestration.CommitId;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.ExecutionStatus;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PathPattern;
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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecutionRepositoryContractTest extends OnBothEngines {

    JooqExecutionRepository executions;
    CardAssignment assignment;
    User agent;
    Activity activity;

    @BeforeEach
    void run() {
        executions = new JooqExecutionRepository(db.database());
        JooqRunRepository runs = new JooqRunRepository(db.database());
        Project bf = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(bf);
        Workflow w = fixtures.workflow(bf.id(), "V");
        new JooqWorkflowRepository(db.database()).insert(w);
        Activity a = fixtures.activity(w, "V");
        new JooqWorkflowRepository(db.database()).insert(a);
        activity = a;
        Card card = fixtures.card(a, "V");
        new JooqCardRepository(db.database()).insert(card);
        agent = fixtures.user();
        OrchestrationRun run = OrchestrationRun.queue(
                new RunId(fixtures.id()),
                bf.id(),
                new RunScope.OfCard(card.id()),
                agent.id(),
                new RunInputs(List.of(), PolicyProfile.empty(bf.id())),
                Fixtures.NOW);
        runs.insert(run);
        assignment = CardAssignment.queue(
                new AssignmentId(fixtures.id()),
                run.id(),
                card.id(),
                "bf/x",
                List.of(new PathPattern("src/**")),
                Fixtures.NOW);
        runs.insert(assignment);
    }

    AgentExecution claim(Duration lease) {
        AgentExecution e =
                AgentExecution.claim(new ExecutionId(fixtures.id()), assignment.id(), agent.id(), Fixtures.NOW, lease);
        executions.insert(e);
        return e;
    }

    @Test
    void executions_of_many_assignments_come_in_one_read_each_under_its_own_assignment() {
        JooqRunRepository runs = new JooqRunRepository(db.database());
        List<AssignmentId> many = new java.util.ArrayList<>(List.of(assignment.id()));
        java.util.Map<AssignmentId, List<AgentExecution>> expected = new java.util.HashMap<>();
        AgentExecution lost = claim(Duration.ofMinutes(5))
                .finish(ExecutionStatus.LOST, Optional.of("silent"), Fixtures.NOW.plusSeconds(1));
        executions.update(lost);
        AgentExecution retry = claim(Duration.ofMinutes(5));
        expected.put(assignment.id(), List.of(lost, retry));
        // more assignments than one IN list holds: the read goes in slices and still returns each once
        JooqCardRepository cards = new JooqCardRepository(db.database());
        for (int i = 0; i < io.buildfactory.persistence.InBatches.SLICE + 20; i++) {
            Card card = fixtures.card(activity, "W" + (char) ('a' + i / 26) + (char) ('a' + i % 26));
            cards.insert(card);
            CardAssignment other = CardAssignment.queue(
                    new AssignmentId(fixtures.id()),
                    assignment.run(),
                    card.id(),
                    "bf/x",
                    List.of(new PathPattern("src/**")),
                    Fixtures.NOW);
            runs.insert(other);
            many.add(other.id());
            if (i % 100 == 0) {
                AgentExecution e = AgentExecution.claim(
                        new ExecutionId(fixtures.id()), other.id(), agent.id(), Fixtures.NOW, Duration.ofMinutes(5));
                executions.insert(e);
                expected.put(other.id(), List.of(e));
            }
        }
        java.util.Collections.reverse(many);
        assertEquals(
                expected,
                executions.executionsOf(many).stream()
                        .collect(java.util.stream.Collectors.groupingBy(AgentExecution::assignment)));
        assertEquals(List.of(), executions.executionsOf(List.<AssignmentId>of()), "no keys, no read");
        assertEquals(
                many.size(), runs.assignmentsOf(List.of(assignment.run())).size(), "a run's assignments in one read");
    }

    @Test
    void one_execution_runs_per_assignment_and_heartbeats_keep_it_off_the_overdue_list() {
        AgentExecution first = claim(Duration.ofMinutes(5));
        assertEquals(Optional.of(first), executions.find(first.id()));
        assertEquals(
                "assignment",
                assertThrows(ConflictException.class, () -> claim(Duration.ofMinutes(5)))
                        .field(),
                "a second running execution of the same assignment");
        assertEquals(List.of(first), executions.overdue(Fixtures.NOW.plusSeconds(301), 10));
        assertEquals(List.of(), executions.overdue(Fixtures.NOW.plusSeconds(299), 10));
        AgentExecution beat = first.heartbeat(
                new AgentExecution.Usage(1200, 300, 45_000), Fixtures.NOW.plusSeconds(200), Duration.ofMinutes(5));
        executions.update(beat);
        assertEquals(Optional.of(beat), executions.find(first.id()));
        assertEquals(List.of(), executions.overdue(Fixtures.NOW.plusSeconds(301), 10));
        assertThrows(ConflictException.class, () -> executions.update(beat), "a stale write");
        AgentExecution lost = beat.finish(ExecutionStatus.LOST, Optional.of("silent"), Fixtures.NOW.plusSeconds(600));
        executions.update(lost);
        AgentExecution retry = claim(Duration.ofMinutes(5));
        assertEquals(List.of(lost, retry), executions.executionsOf(assignment.id()), "a lost one makes room");
    }

    @Test
    void commits_read_back_with_their_files_and_flags_once_per_sha_per_execution() {
        AgentExecution e = claim(Duration.ofMinutes(5));
        AgentCommit commit = AgentCommit.report(
                new CommitId(fixtures.id()),
                e.id(),
                "0123456789abcdef0123456789abcdef01234567",
                "Add export\n\nCloses the card.",
                "agent-7 <agent@example.com>",
                List.of(
                        new FileChange("src/Export.java", ChangeKind.ADDED),
                        new FileChange("README.md", ChangeKind.MODIFIED)),
                assignment,
                List.of(),
                Fixtures.NOW,
                Optional.empty());
        executions.insert(commit);
        assertEquals(List.of("README.md"), commit.offendingPaths());
        assertEquals(List.of(commit), executions.commitsOf(e.id()));
        assertEquals(List.of(commit), executions.commitsWithSha(commit.sha()));
        assertEquals(
                "sha",
                assertThrows(
                                ConflictException.class,
                                () -> executions.insert(new AgentCommit(
                                        new CommitId(fixtures.id()),
                                        e.id(),
                                        commit.sha(),
                                        "again",
                                        "a",
                                        List.of(),
                                        List.of(),
                                        Fixtures.NOW,
                                        Optional.empty())))
                        .field());
    }
}
