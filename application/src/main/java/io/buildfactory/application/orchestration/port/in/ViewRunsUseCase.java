package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.ApprovalRequest;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.PullRequestCandidate;
import io.buildfactory.domain.orchestration.RunCheck;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/** Runs as people and agents read them, for holders of {@code factory.run.read} in the run's project. */
public interface ViewRunsUseCase {

    Page<OrchestrationRun> runs(Actor actor, ProjectKey project, PageRequest page);

    RunDetail run(Actor actor, RunId run);

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
