package io.buildfactory.application.planning.port.out;

import io.buildfactory.domain.planning.PlanningAction;
import io.buildfactory.domain.projects.ProjectId;
import java.util.List;
import java.util.Optional;

/**
 * The planning action log and the project's action sequence it advances. Every planning change runs inside a
 * transaction that first {@link #lockSequence locks} its project's sequence: changes to one project apply one at
 * a time, in sequence order, on any number of servers.
 */
public interface PlanningLog {

    /** The project's current action sequence, its row locked until the transaction ends. */
    long lockSequence(ProjectId project);

    /** Records the action and moves the project's sequence to the action's. */
    void append(PlanningAction action);

    Optional<PlanningAction> find(ProjectId project, String idempotencyKey);

    /** Actions with this key in any project (a key is unique within one): to replay a deletion by its key. */
    List<PlanningAction> withKey(String idempotencyKey);

    /** The project's actions after {@code sequence}, in order, at most {@code limit}. */
    List<PlanningAction> after(ProjectId project, long sequence, int limit);
}
