package io.buildfactory.application.projects.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;

public interface ViewProjectsUseCase {

    /** Needs {@code factory.project.read}; an unknown key is 404. */
    Project get(Actor actor, ProjectKey key);

    /** Needs {@code factory.project.read}: every project, in key order. */
    Page<Project> list(Actor actor, PageRequest page);
}
