package io.buildfactory.application.projects.port.in;

import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import java.util.Optional;

/**
 * What other contexts ask of projects: whether a key names one. Work items, policies and conversations are filed
 * under a project, so they check it exists before they refer to it.
 */
public interface ProjectLookup {

    Optional<Project> byKey(ProjectKey key);
}
