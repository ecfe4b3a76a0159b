package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.workitems.WorkItem;

/** Edits fields (not the lane: actions move it), if nobody changed the item since {@code version}. */
public interface UpdateWorkItemUseCase {

    WorkItem update(Actor actor, String itemRef, long version, WorkItemDraft fields);
}
