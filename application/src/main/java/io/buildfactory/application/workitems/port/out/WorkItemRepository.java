package io.buildfactory.application.workitems.port.out;

import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.Lane;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemFilter;
import io.buildfactory.domain.workitems.WorkItemId;
import io.buildfactory.domain.workitems.WorkItemKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Work items and their projects' numbering. */
public interface WorkItemRepository {

    /** The next number in the project (1, 2, …), taken atomically. Call inside the creating transaction. */
    long nextNumber(ProjectKey project, Instant now);

    void insert(WorkItem item);

    Optional<WorkItem> findById(WorkItemId id);

    Optional<WorkItem> findByKey(WorkItemKey key);

    /** Optimistic: a stale version is a conflict. Dependencies are replaced. @return the item at its next version */
    WorkItem update(WorkItem item);

    Page<WorkItem> list(WorkItemFilter filter, PageRequest page);

    Map<WorkItemId, Lane> lanesOf(Collection<WorkItemId> ids);
}
