package io.buildfactory.domain.workitems;

import io.buildfactory.domain.projects.ProjectKey;
import java.util.Optional;
import java.util.Set;

/**
 * Filters over work items; every empty filter matches everything. {@code text} searches titles, ignoring case.
 * {@code within} narrows to the projects a caller may read (set by the use case, never by the caller).
 */
public record WorkItemFilter(
        Optional<ProjectKey> project,
        Optional<Lane> lane,
        Optional<WorkType> workType,
        Optional<String> text,
        Optional<Set<ProjectKey>> within) {

    public WorkItemFilter {
        within = within.map(Set::copyOf);
    }

    public WorkItemFilter(
            Optional<ProjectKey> project, Optional<Lane> lane, Optional<WorkType> workType, Optional<String> text) {
        this(project, lane, workType, text, Optional.empty());
    }

    /** The same filter, matching only items in {@code projects}. */
    public WorkItemFilter within(Set<ProjectKey> projects) {
        return new WorkItemFilter(project, lane, workType, text, Optional.of(projects));
    }
}
