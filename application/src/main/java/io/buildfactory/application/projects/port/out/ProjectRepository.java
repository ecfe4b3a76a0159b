package io.buildfactory.application.projects.port.out;

import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.Optional;

/** Projects as stored. Keys and names are unique: a second one is a conflict naming the field. */
public interface ProjectRepository {

    void insert(Project project);

    /** Stores {@code project} if it is still at its version; returns it one version on, or a conflict. */
    Project update(Project project);

    Optional<Project> findByKey(ProjectKey key);

    Optional<Project> findById(ProjectId id);

    /** By key, in key order; the cursor is the last key seen. */
    Page<Project> list(PageRequest page);
}
