package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;

/** Runs as people and agents read them, for holders of {@code factory.run.read} in the run's project. */
public interface ViewRunsUseCase {

    Page<OrchestrationRun> runs(Actor actor, ProjectKey project, PageRequest page);

    RunDetail run(Actor actor, RunId run);

    /** A run with each assignment's executions and their commits. */
    record RunDetail(OrchestrationRun run, List<AssignmentDetail> assignments) {
        public RunDetail {
            assignments = List.copyOf(assignments);
        }
    }

    record AssignmentDetail(CardAssignment assignment, List<ExecutionDetail> executions) {
        public AssignmentDetail {
            executions = List.copyOf(executions);
        }
    }

    record ExecutionDetail(AgentExecution execution, List<AgentCommit> commits) {
        public ExecutionDetail {
            commits = List.copyOf(commits);
        }
    }
}
