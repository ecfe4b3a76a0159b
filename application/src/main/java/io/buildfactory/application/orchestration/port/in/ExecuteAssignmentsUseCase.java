package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.orchestration.AgentCommit;
import io.buildfactory.domain.orchestration.AgentCommit.FileChange;
import io.buildfactory.domain.orchestration.AgentExecution;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.ExecutionStatus;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.RepositoryId;
import java.util.List;
import java.util.Optional;

/**
 * What agents do with assignments: claim the oldest queued one of a project (one agent per assignment however
 * many ask at once), report heartbeats with their counters before the deadline, commits, and how it ended.
 */
public interface ExecuteAssignmentsUseCase {

    /** The claimed assignment with its new execution and its run; empty when nothing is queued. */
    default Optional<Claimed> claim(Actor agent, ProjectKey project) {
        return claim(agent, project, Optional.empty());
    }

    /**
     * Claims as {@link #claim(Actor, ProjectKey)}; an execution that works on {@code repository} takes a grant of
     * its lease first, and is refused while anyone holds it (the agent included), the assignment staying queued.
     * The grant ends when the execution finishes; a lost execution frees nothing early.
     */
    Optional<Claimed> claim(Actor agent, ProjectKey project, Optional<RepositoryId> repository);

    record Claimed(OrchestrationRun run, CardAssignment assignment, AgentExecution execution) {}

    AgentExecution heartbeat(Actor agent, ExecutionId execution, AgentExecution.Usage usage);

    /** Ends the execution (succeeded or failed); its assignment completes or fails with it. */
    AgentExecution finish(Actor agent, ExecutionId execution, ExecutionStatus outcome, Optional<String> reason);

    /**
     * Records a commit of the execution, flagged when it touches paths it may not. An execution working on a
     * repository presents its grant's fencing token, and is refused once that grant is no longer the current one.
     */
    AgentCommit commit(Actor agent, ExecutionId execution, NewCommit commit);

    record NewCommit(
            String sha, String message, String author, List<FileChange> files, Optional<FencingToken> fencingToken) {
        public NewCommit {
            files = List.copyOf(files);
        }

        public NewCommit(String sha, String message, String author, List<FileChange> files) {
            this(sha, message, author, files, Optional.empty());
        }
    }

    /** Marks executions whose agents stopped reporting as lost and queues their assignments again. */
    int reapLost();
}
