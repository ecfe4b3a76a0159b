package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.workitems.WorkItem;

/** Adds a work item to a project's backlog, numbered in the project (BF-1, BF-2, …). */
public interface CreateWorkItemUseCase {

    WorkItem create(Actor actor, WorkItemDraft draft);
}
