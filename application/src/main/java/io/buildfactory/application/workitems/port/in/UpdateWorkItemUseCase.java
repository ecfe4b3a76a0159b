package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemRef;
import java.util.Objects;

/** Edits fields (not the lane: actions move it), if nobody changed the item since {@code version}. */
public interface UpdateWorkItemUseCase {

    WorkItem update(Actor actor, WorkItemChange command);

    /** The fields to change on an item, as of the version the caller read; an absent work type is kept. */
    record WorkItemChange(WorkItemRef item, long version, WorkItemDraft fields) {

        public WorkItemChange {
            Objects.requireNonNull(item, "item");
            Objects.requireNonNull(fields, "fields");
        }
    }
}
