package io.buildfactory.application.projects.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import java.util.Optional;
import java.util.Set;

/**
 * What an actor may do inside one project: their global permissions together with those their roles in that
 * project grant, read afresh on every call, so a membership change takes effect on the next request. Other
 * contexts ask it before they touch a project's objects.
 */
public interface ProjectAccess {

    /**
     * The actor with their permissions in {@code project}, or empty when the project is hidden from them (it does
     * not exist, or they neither read every project nor hold a role in it): its objects are then 404 to them.
     */
    Optional<Actor> in(Actor actor, ProjectKey project);

    /**
     * Where the actor holds {@code permission}: empty when in every project (they hold it and read every
     * project), else the projects whose roles grant it to them, which may be none.
     */
    Optional<Set<ProjectKey>> where(Actor actor, Permission permission);

    /**
     * The project under this key, for another context to resolve a key it was given; it says nothing of access:
     * ask {@link #in} before acting on the project or showing anything of it.
     */
    Optional<Project> find(ProjectKey key);

    /** The project with this id (an object of another context names it), with no access check: see {@link #in}. */
    Optional<Project> find(ProjectId id);
}
