package io.buildfactory.domain.workitems;

import io.buildfactory.domain.projects.ProjectKey;
import java.util.Optional;

/** Filters over work items; every empty filter matches everything. {@code text} searches titles, ignoring case. */
public record WorkItemFilter(
        Optional<ProjectKey> project, Optional<Lane> lane, Optional<WorkType> workType, Optional<String> text) {}
