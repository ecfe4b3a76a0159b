package io.buildfactory.application.projects.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import java.util.Objects;
import java.util.Optional;

public interface CreateProjectUseCase {

    /** A new project; its fields are checked by {@link Project} itself. */
    record NewProject(
            ProjectKey key, String name, String description, Optional<String> repoUrl, Optional<String> defaultBranch) {
        public NewProject {
            Objects.requireNonNull(key, "key");
        }
    }

    /** Needs {@code factory.project.create}; a key or name already taken is 409 naming it. */
    Project create(Actor actor, NewProject project);
}
