package io.buildfactory.application.orchestration.port.out;

import io.buildfactory.domain.orchestration.AssignmentId;
import io.buildfactory.domain.orchestration.CardAssignment;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs and their card assignments. {@code update} writes a run or an assignment under the version it was read
 * at (the domain's moves count it up) and refuses a stale one.
 */
public interface RunRepository {

    /** A second run with the same handoff key is a duplicate conflict on {@code handoff}. */
    void insert(OrchestrationRun run);

    /** The run a work item's handoff queued. */
    Optional<OrchestrationRun> findByHandoff(String handoff);

    void update(OrchestrationRun run);

    Optional<OrchestrationRun> find(RunId run);

    /**
     * The run, its row locked until the transaction ends. Every change takes its locks in one order (the
     * assignments it touches, then their run), so concurrent claims, finishes and a cancel never deadlock, and
     * the last of two finishing executions sees the other's assignment ended and settles the run.
     */
    Optional<OrchestrationRun> lock(RunId run);

    /** The run's assignments, their rows locked (in id order) until the transaction ends. */
    List<CardAssignment> lockAssignmentsOf(RunId run);

    /** A project's runs, newest first; the cursor is a run id. */
    Page<OrchestrationRun> list(ProjectId project, PageRequest page);

    void insert(CardAssignment assignment);

    void update(CardAssignment assignment);

    Optional<CardAssignment> find(AssignmentId assignment);

    default List<CardAssignment> assignmentsOf(RunId run) {
        return assignmentsOf(List.of(run));
    }

    /** The assignments of all these runs in one read, oldest first. */
    List<CardAssignment> assignmentsOf(Collection<RunId> runs);

    /**
     * The oldest queued assignment of the project's runs, its row locked until the transaction ends; rows other
     * claimers hold are skipped (PostgreSQL {@code SKIP LOCKED}), so concurrent claimers get different ones.
     */
    Optional<CardAssignment> lockNextQueued(ProjectId project);

    /** The card's most recent run (ids are time-ordered), whether of the card or of its workflow. */
    Optional<OrchestrationRun> latestOf(CardId card);

    /** Every run that built the card (by a card run, or an assignment of a workflow run), newest first. */
    List<OrchestrationRun> runsOf(CardId card);
}
