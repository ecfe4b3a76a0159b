package io.buildfactory.domain.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.AgentCommit.FileChange;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OrchestrationModelTest {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    final Random random = new Random(3);

    Ulid id() {
        return Ulid.generate(NOW, random);
    }

    /** Every state machine, every pair of states: exactly the documented moves are allowed. */
    @Test
    void every_lifecycle_allows_exactly_its_documented_moves() {
        assertMoves(
                RunStatus.class,
                Map.of(
                        RunStatus.QUEUED, Set.of(RunStatus.RUNNING, RunStatus.CANCELLED),
                        RunStatus.RUNNING, Set.of(RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED)));
        assertMoves(
                AssignmentStatus.class,
                Map.of(
                        AssignmentStatus.QUEUED, Set.of(AssignmentStatus.CLAIMED, AssignmentStatus.CANCELLED),
                        AssignmentStatus.CLAIMED,
                                Set.of(
                                        AssignmentStatus.QUEUED,
                                        AssignmentStatus.COMPLETED,
                                        AssignmentStatus.FAILED,
                                        AssignmentStatus.CANCELLED)));
        assertMoves(
                ExecutionStatus.class,
                Map.of(
                        ExecutionStatus.RUNNING,
                        Set.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.FAILED, ExecutionStatus.LOST)));
        assertMoves(
                CheckStatus.class,
                Map.of(
                        CheckStatus.PENDING,
                                Set.of(
                                        CheckStatus.RUNNING,
                                        CheckStatus.PASSED,
                                        CheckStatus.FAILED,
                                        CheckStatus.SKIPPED),
                        CheckStatus.RUNNING, Set.of(CheckStatus.PASSED, CheckStatus.FAILED, CheckStatus.SKIPPED)));
        assertMoves(
                CandidateState.class,
                Map.of(
                        CandidateState.DRAFT, Set.of(CandidateState.READY, CandidateState.CLOSED),
                        CandidateState.READY,
                                Set.of(CandidateState.OPENED, CandidateState.DRAFT, CandidateState.CLOSED),
                        CandidateState.OPENED, Set.of(CandidateState.MERGED, CandidateState.CLOSED)));
        assertMoves(
                ApprovalState.class,
                Map.of(
                        ApprovalState.REQUESTED,
                        Set.of(
                                ApprovalState.APPROVED,
                                ApprovalState.REJECTED,
                                ApprovalState.WITHDRAWN,
                                ApprovalState.EXPIRED)));
    }

    private static <S extends Enum<S> & Lifecycle<S>> void assertMoves(Class<S> type, Map<S, Set<S>> allowed) {
        for (S from : EnumSet.allOf(type)) {
            for (S to : EnumSet.allOf(type)) {
                boolean expected = allowed.getOrDefault(from, Set.of()).contains(to);
                if (expected) {
                    assertEquals(to, from.check(to, "thing"));
                } else {
                    RuleViolationException refused =
                            assertThrows(RuleViolationException.class, () -> from.check(to, "thing"), from + "→" + to);
                    assertEquals("thing-transition", refused.rule());
                }
            }
            assertEquals(allowed.getOrDefault(from, Set.of()).isEmpty(), from.terminal());
        }
    }

    @Test
    void a_run_is_stamped_when_it_starts_and_when_it_ends() {
        OrchestrationRun run = OrchestrationRun.queue(
                new RunId(id()),
                new ProjectId(id()),
                new RunScope.OfCard(new CardId(id())),
                new UserId(id()),
                new RunInputs(List.of(), io.buildfactory.domain.planning.PolicyProfile.empty(new ProjectId(id()))),
                NOW);
        OrchestrationRun running = run.moveTo(RunStatus.RUNNING, NOW.plusSeconds(1));
        assertEquals(Optional.of(NOW.plusSeconds(1)), running.startedAt());
        assertEquals(Optional.empty(), running.finishedAt());
        OrchestrationRun done = running.moveTo(RunStatus.SUCCEEDED, NOW.plusSeconds(9));
        assertEquals(Optional.of(NOW.plusSeconds(9)), done.finishedAt());
        assertEquals(3, done.version());
        assertThrows(RuleViolationException.class, () -> done.moveTo(RunStatus.RUNNING, NOW));
    }

    @Test
    void globs_match_within_segments_and_across_them_only_with_double_stars() {
        PathPattern src = new PathPattern("src/**");
        assertTrue(src.matches("src/a/b/C.java"));
        assertTrue(src.matches("src"));
        assertFalse(src.matches("srcx/a"));
        assertFalse(src.matches("test/src/a"));
        PathPattern markdown = new PathPattern("**/*.md");
        assertTrue(markdown.matches("README.md"));
        assertTrue(markdown.matches("docs/a/b.md"));
        assertFalse(markdown.matches("docs/a.mdx"));
        PathPattern one = new PathPattern("src/*.java");
        assertTrue(one.matches("src/A.java"));
        assertFalse(one.matches("src/a/A.java"));
        assertTrue(new PathPattern("a?c").matches("abc"));
        assertFalse(new PathPattern("a?c").matches("a/c"));
        assertTrue(new PathPattern("a.b(c)+[d]").matches("a.b(c)+[d]"), "regex characters are plain");
        assertFalse(new PathPattern("a.b").matches("axb"));
        assertThrows(InvalidInputException.class, () -> new PathPattern("/etc/**"));
    }

    @Test
    void a_commit_outside_its_allowed_paths_or_inside_a_forbidden_one_is_kept_and_flagged() {
        CardAssignment assignment = CardAssignment.queue(
                new AssignmentId(id()),
                new RunId(id()),
                new CardId(id()),
                "bf/card-1",
                List.of(new PathPattern("src/**"), new PathPattern("docs/*.md")),
                NOW);
        AgentCommit commit = AgentCommit.report(
                new CommitId(id()),
                new ExecutionId(id()),
                "A".repeat(40),
                "export",
                "agent-7",
                List.of(
                        new FileChange("src/Export.java", ChangeKind.ADDED),
                        new FileChange("src/secrets/key.pem", ChangeKind.ADDED),
                        new FileChange("docs/export.md", ChangeKind.MODIFIED),
                        new FileChange("build.gradle", ChangeKind.MODIFIED)),
                assignment,
                List.of(new PathPattern("src/secrets/**")),
                NOW,
                Optional.empty());
        assertTrue(commit.flagged());
        assertEquals(List.of("src/secrets/key.pem", "build.gradle"), commit.offendingPaths());
        assertEquals("a".repeat(40), commit.sha(), "stored in lower case");
        assertEquals(
                "sha",
                assertThrows(
                                InvalidInputException.class,
                                () -> AgentCommit.report(
                                        new CommitId(id()),
                                        new ExecutionId(id()),
                                        "abc123",
                                        "m",
                                        "a",
                                        List.of(),
                                        assignment,
                                        List.of(),
                                        NOW,
                                        Optional.empty()))
                        .field());
    }

    @Test
    void an_execution_heartbeats_with_growing_counters_until_its_deadline() {
        AgentExecution execution = AgentExecution.claim(
                new ExecutionId(id()), new AssignmentId(id()), new UserId(id()), NOW, Duration.ofMinutes(5));
        assertFalse(execution.overdue(NOW.plusSeconds(299)));
        assertTrue(execution.overdue(NOW.plusSeconds(301)));
        AgentExecution beat = execution.heartbeat(
                new AgentExecution.Usage(100, 20, 5000), NOW.plusSeconds(200), Duration.ofMinutes(5));
        assertFalse(beat.overdue(NOW.plusSeconds(400)));
        assertEquals(
                "usage",
                assertThrows(
                                InvalidInputException.class,
                                () -> beat.heartbeat(
                                        new AgentExecution.Usage(99, 20, 5000),
                                        NOW.plusSeconds(201),
                                        Duration.ofMinutes(5)))
                        .field());
        AgentExecution lost = beat.finish(ExecutionStatus.LOST, Optional.of("no heartbeat"), NOW.plusSeconds(600));
        assertThrows(
                RuleViolationException.class,
                () -> lost.heartbeat(new AgentExecution.Usage(100, 20, 5000), NOW, Duration.ofMinutes(5)));
    }

    @Test
    void an_approval_needs_another_person_before_it_expires() {
        UserId agent = new UserId(id());
        UserId reviewer = new UserId(id());
        ApprovalRequest request =
                ApprovalRequest.request(new ApprovalId(id()), new CandidateId(id()), agent, NOW, NOW.plusSeconds(3600));
        assertEquals(
                "four-eyes",
                assertThrows(
                                RuleViolationException.class,
                                () -> request.decide(true, agent, agent, Optional.empty(), NOW.plusSeconds(1)))
                        .rule());
        assertEquals(
                "approval-expired",
                assertThrows(
                                RuleViolationException.class,
                                () -> request.decide(true, reviewer, agent, Optional.empty(), NOW.plusSeconds(3600)))
                        .rule());
        ApprovalRequest approved = request.decide(true, reviewer, agent, Optional.of("LGTM"), NOW.plusSeconds(60));
        assertEquals(ApprovalState.APPROVED, approved.state());
        assertEquals(Optional.of(reviewer), approved.decidedBy());
        assertThrows(RuleViolationException.class, () -> approved.withdraw(Optional.empty(), NOW.plusSeconds(61)));
    }

    @Test
    void an_opened_candidate_has_its_url() {
        PullRequestCandidate draft = PullRequestCandidate.draft(
                new CandidateId(id()), new AssignmentId(id()), "bf/card-1", "Export", "", NOW);
        PullRequestCandidate ready = draft.moveTo(CandidateState.READY, Optional.empty(), NOW);
        assertEquals(
                "url",
                assertThrows(
                                InvalidInputException.class,
                                () -> ready.moveTo(CandidateState.OPENED, Optional.empty(), NOW))
                        .field());
        assertEquals(
                Optional.of("https://github.com/acme/x/pull/7"),
                ready.moveTo(CandidateState.OPENED, Optional.of("https://github.com/acme/x/pull/7"), NOW)
                        .url());
    }
}
