package io.buildfactory.application.projects.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;

public interface ViewProjectsUseCase {

    /** For those who see the project (holders of {@code factory.project.read}, its members); else 404. */
    Project get(Actor actor, ProjectKey key);

    /** In key order: every project for holders of {@code factory.project.read}, else those the caller is in. */
    Page<Project> list(Actor actor, PageRequest page);
}
