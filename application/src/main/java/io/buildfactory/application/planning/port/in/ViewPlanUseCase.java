package io.buildfactory.application.planning.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.planning.Activity;
import io.buildfactory.domain.planning.ActivityId;
import io.buildfactory.domain.planning.ArtifactId;
import io.buildfactory.domain.planning.Card;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.planning.CardPage;
import io.buildfactory.domain.planning.ContextArtifact;
import io.buildfactory.domain.planning.KnowledgeItem;
import io.buildfactory.domain.planning.KnowledgeItemId;
import io.buildfactory.domain.planning.PlannedFile;
import io.buildfactory.domain.planning.PlannedFileId;
import io.buildfactory.domain.planning.PlanningAction;
import io.buildfactory.domain.planning.PolicyProfile;
import io.buildfactory.domain.planning.Workflow;
import io.buildfactory.domain.planning.WorkflowId;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Reads of a project's plan, for callers holding {@code factory.planning.read} there. Objects of a project the
 * caller cannot see are not found.
 */
public interface ViewPlanUseCase {

    Page<Workflow> workflows(Actor actor, ProjectKey project, PageRequest page);

    WorkflowWithActivities workflow(Actor actor, WorkflowId workflow);

    record WorkflowWithActivities(Workflow workflow, List<Activity> activities) {
        public WorkflowWithActivities {
            activities = List.copyOf(activities);
        }
    }

    Activity activity(Actor actor, ActivityId activity);

    Page<Card> cards(Actor actor, ActivityId activity, PageRequest page);

    CardPage card(Actor actor, CardId card);

    KnowledgeItem knowledge(Actor actor, KnowledgeItemId item);

    PlannedFile plannedFile(Actor actor, PlannedFileId file);

    Page<ContextArtifact> artifacts(Actor actor, ProjectKey project, PageRequest page);

    ContextArtifact artifact(Actor actor, ArtifactId artifact);

    PolicyProfile policyProfile(Actor actor, ProjectKey project);

    /**
     * What a run of the card freezes, read by the service itself for work a caller already had the right to ask
     * for (a work item's handoff): the card's page and its project's profile; empty when the card is gone.
     */
    Optional<Frozen> frozenForRun(CardId card);

    /**
     * The project a workflow belongs to, with no access check (as {@code ProjectAccess.find} by id): for another
     * context that checks the caller's rights in that project itself. Empty when there is no such workflow.
     */
    Optional<ProjectId> projectOf(WorkflowId workflow);

    /** The project a card belongs to, with no access check; see {@link #projectOf(WorkflowId)}. */
    Optional<ProjectId> projectOf(CardId card);

    record Frozen(CardPage card, PolicyProfile profile) {}

    /** The project's planning actions after {@code sequence}, in order: how a client catches up. */
    List<PlanningAction> actions(Actor actor, ProjectKey project, long sequence, int limit);
}
