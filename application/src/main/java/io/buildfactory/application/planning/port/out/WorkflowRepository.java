package io.buildfactory.application.planning.port.out;

import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * A project's workflows and their activities, each in rank order. {@code update} writes under the version it
 * was read at and returns the next version; {@code move} writes the rank (and the card's parent) only.
 */
public interface WorkflowRepository {

    void insert(Workflow workflow);

    Workflow update(Workflow workflow);

    void move(Workflow workflow);

    /** Deletes the workflow with its activities and their cards. */
    void delete(WorkflowId workflow);

    Optional<Workflow> find(WorkflowId workflow);

    /** The project's workflows in order; the cursor is a rank. */
    Page<Workflow> list(ProjectId project, PageRequest page);

    RankedSiblings<ProjectId> workflowRanks();

    void insert(Activity activity);

    Activity update(Activity activity);

    void move(Activity activity);

    /** Deletes the activity with its cards. */
    void delete(ActivityId activity);

    Optional<Activity> find(ActivityId activity);

    /** The workflow's activities in order (a workflow has tens, not thousands). */
    List<Activity> activities(WorkflowId workflow);

    RankedSiblings<WorkflowId> activityRanks();
}
