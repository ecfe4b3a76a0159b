package io.buildfactory.application.projects.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import java.util.Optional;

public interface UpdateProjectUseCase {

    /**
     * What to change, at the version the caller read: an empty field keeps its value; an empty {@code repoUrl}
     * text removes the repository.
     */
    record ProjectChange(
            ProjectKey key,
            long version,
            Optional<String> name,
            Optional<String> description,
            Optional<String> repoUrl,
            Optional<String> defaultBranch) {}

    /** Needs {@code factory.project.update}; a stale version is 409 with nothing changed. */
    Project update(Actor actor, ProjectChange change);
}
