package io.buildfactory.application.workitems.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.workitems.Action;
import io.buildfactory.domain.workitems.GateVerdict;
import io.buildfactory.domain.workitems.HistoryEntry;
import io.buildfactory.domain.workitems.QueueTruth;
import io.buildfactory.domain.workitems.WorkItem;
import io.buildfactory.domain.workitems.WorkItemFilter;
import io.buildfactory.domain.workitems.WorkItemRef;
import java.util.List;

/** Items as the control plane shows them: every action evaluated for the caller, without executing it. */
public interface ViewWorkItemsUseCase {

    ControlPlaneView view(Actor actor, WorkItemRef item);

    Page<WorkItem> list(Actor actor, WorkItemFilter filter, PageRequest page);

    Page<HistoryEntry> history(Actor actor, WorkItemRef item, PageRequest page);

    record ActionView(
            Action action, Permission permission, boolean permitted, List<GateVerdict> verdicts, boolean enabled) {}

    record ControlPlaneView(WorkItem item, List<ActionView> actions, QueueTruth queueTruth, long policyVersion) {}
}
