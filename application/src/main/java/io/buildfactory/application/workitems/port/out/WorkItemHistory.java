package io.buildfactory.application.workitems.port.out;

import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.HistoryEntry;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemId;
import java.time.Instant;

/** What a work item looked like when someone asked for a record of it: snapshots, oldest first. */
public interface WorkItemHistory {

    /** A snapshot of the item as it is now, for audit and validation views. */
    void recordHistory(WorkItem item, String reason, String actor, Instant at);

    Page<HistoryEntry> history(WorkItemId item, PageRequest page);
}
