package io.buildfactory.application.orchestration.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.orchestration.OrchestrationRun;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.orchestration.RunScope;
import io.buildfactory.domain.projects.ProjectKey;

/**
 * Queues a run of a workflow (every card of its activities) or of one card: its inputs are frozen, each card
 * gets an assignment agents can claim, and each check the profile requires is opened, pending.
 */
public interface StartRunUseCase {

    OrchestrationRun start(Actor actor, ProjectKey project, RunScope scope);

    OrchestrationRun cancel(Actor actor, RunId run, long version);
}
