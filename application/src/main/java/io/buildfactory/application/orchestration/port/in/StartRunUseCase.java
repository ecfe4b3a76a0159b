package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.in.RequestContext;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.planning.CardId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Queues a run of a workflow (every card of its activities) or of one card: its inputs are frozen, each card
 * gets an assignment agents can claim, and each check the profile requires is opened, pending.
 */
public interface StartRunUseCase {

    OrchestrationRun start(Actor actor, ProjectKey project, RunScope scope);

    OrchestrationRun cancel(Actor actor, RunId run, long version);

    /** The job that turns a work item's start-execution into a queued run of its card. */
    String HANDOFF_JOB = "runs.handoff";

    /**
     * A work item's start-execution handed its card over: queue a run of the card, started by whoever executed the
     * action (whose right to was checked then), once per handoff {@code key} however often the job runs. Empty
     * when the card is gone by now: there is nothing to build. The run's audit entry and telemetry carry
     * {@code request}'s correlation id: the start-execution's, when the job has it.
     */
    Optional<OrchestrationRun> handOff(HandOff handoff, RequestContext request);

    /** What the handoff job carries: ids only, nothing that needs escaping. */
    record HandOff(String key, CardId card, UserId startedBy, WorkItemKey workItem) {

        public HandOff {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(card, "card");
            Objects.requireNonNull(startedBy, "startedBy");
            Objects.requireNonNull(workItem, "workItem");
        }

        /** The work item's version after the lane change names the handoff: each start-execution is one. */
        public static HandOff of(WorkItemId item, long version, CardId card, UserId startedBy, WorkItemKey key) {
            return new HandOff(item + "@" + version, card, startedBy, key);
        }

        public String payloadJson() {
            return "{\"key\":\"" + key + "\",\"card\":\"" + card + "\",\"startedBy\":\"" + startedBy
                    + "\",\"workItem\":\"" + workItem.display() + "\"}";
        }
    }
}
