package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.ApprovalId;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CandidateId;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/** Runs as people and agents read them, for holders of {@code factory.run.read} in the run's project. */
public interface ViewRunsUseCase {

    Page<OrchestrationRun> runs(Actor actor, ProjectKey project, PageRequest page);

    RunDetail run(Actor actor, RunId run);

    /**
     * Everything built from a card: each run that built it (newest first), with the run's checks and the card's
     * assignment in it, its executions, commits, candidate and approvals.
     */
    List<RunDetail> lineage(Actor actor, CardId card);

    /** Where a commit (by sha), a candidate or an approval came from: back to its card and run. */
    List<Origin> originOfCommit(Actor actor, String sha);

    Origin originOf(Actor actor, CandidateId candidate);

    Origin originOf(Actor actor, ApprovalId approval);

    record Origin(
            ProjectId project,
            CardId card,
            RunId run,
            AssignmentId assignment,
            Optional<ExecutionId> execution,
            Optional<CandidateId> candidate) {}

    /** A run with its checks and each assignment's executions, commits, candidate and approvals. */
    record RunDetail(OrchestrationRun run, List<AssignmentDetail> assignments, List<RunCheck> checks) {
        public RunDetail {
            assignments = List.copyOf(assignments);
            checks = List.copyOf(checks);
        }
    }

    record AssignmentDetail(
            CardAssignment assignment,
            List<ExecutionDetail> executions,
            Optional<PullRequestCandidate> candidate,
            List<ApprovalRequest> approvals) {
        public AssignmentDetail {
            executions = List.copyOf(executions);
            approvals = List.copyOf(approvals);
        }
    }

    record ExecutionDetail(AgentExecution execution, List<AgentCommit> commits) {
        public ExecutionDetail {
            commits = List.copyOf(commits);
        }
    }
}
