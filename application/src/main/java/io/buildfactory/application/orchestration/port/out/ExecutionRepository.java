package io.buildfactory.application.orchestration.port.out;

import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.ExecutionId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Agents' executions of assignments and the commits they report. */
public interface ExecutionRepository {

    void insert(AgentExecution execution);

    /** Writes the execution under the version it was read at; a stale one is refused. */
    void update(AgentExecution execution);

    Optional<AgentExecution> find(ExecutionId execution);

    default List<AgentExecution> executionsOf(AssignmentId assignment) {
        return executionsOf(List.of(assignment));
    }

    /** The executions of all these assignments in one read, oldest first. */
    List<AgentExecution> executionsOf(Collection<AssignmentId> assignments);

    /** Running executions whose deadline passed before {@code now}, oldest deadline first, at most {@code limit}. */
    List<AgentExecution> overdue(Instant now, int limit);

    /** Records a commit; the same sha reported twice for one execution is a conflict. */
    void insert(AgentCommit commit);

    default List<AgentCommit> commitsOf(ExecutionId execution) {
        return commitsOf(List.of(execution));
    }

    /** The commits of all these executions in one read, in commit order. */
    List<AgentCommit> commitsOf(Collection<ExecutionId> executions);

    /** Commits with this sha (one per execution that reported it). */
    List<AgentCommit> commitsWithSha(String sha);
}
