package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkType;
import java.util.Objects;

/** Adds a work item to a project's backlog, numbered in the project (BF-1, BF-2, …). */
public interface CreateWorkItemUseCase {

    WorkItem create(Actor actor, NewWorkItem command);

    /** A new item's project and fields; a new item needs a work type. */
    record NewWorkItem(ProjectKey project, WorkItemDraft fields) {

        public NewWorkItem {
            Objects.requireNonNull(project, "project");
            if (fields.workType() == null) {
                throw WorkType.missing();
            }
        }
    }
}
