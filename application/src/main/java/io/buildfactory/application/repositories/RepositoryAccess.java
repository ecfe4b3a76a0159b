package io.buildfactory.application.repositories;

import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.repositories.port.out.CodeRepositories;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.NotFoundException;

/**
 * Who may do what to a repository, asked the same way by every service of this context: through the project it
 * belongs to. Someone who cannot see the project is told the repository does not exist; someone who can but lacks
 * the permission is refused by name.
 */
final class RepositoryAccess {

    private final ProjectAccess access;
    private final CodeRepositories repositories;

    RepositoryAccess(ProjectAccess access, CodeRepositories repositories) {
        this.access = access;
        this.repositories = repositories;
    }

    /** A repository together with its project's key, for audit and telemetry. */
    record Scoped(CodeRepository repository, ProjectKey key) {}

    Scoped require(Actor actor, RepositoryId id, Permission permission) {
        CodeRepository repository = repositories.find(id).orElseThrow(() -> new NotFoundException("repository", id));
        ProjectKey key = access.find(repository.project()).map(Project::key).orElseThrow();
        access.in(actor, key)
                .orElseThrow(() -> new NotFoundException("repository", id))
                .require(permission);
        return new Scoped(repository, key);
    }

    /** Whether {@code actor} may read the repository (false when there is none). */
    boolean readable(Actor actor, RepositoryId id) {
        return repositories
                .find(id)
                .flatMap(r -> access.find(r.project()))
                .flatMap(p -> access.in(actor, p.key()))
                .filter(a -> a.holds(Permissions.REPOSITORY_READ))
                .isPresent();
    }

    Project project(Actor actor, ProjectKey key, Permission permission) {
        Project project = access.find(key).orElseThrow(() -> new NotFoundException("project", key));
        access.in(actor, key)
                .orElseThrow(() -> new NotFoundException("project", key))
                .require(permission);
        return project;
    }

    /** The key of the project a repository belongs to, when both still exist. */
    java.util.Optional<ProjectKey> keyOf(RepositoryId id) {
        return repositories.find(id).flatMap(r -> access.find(r.project())).map(Project::key);
    }
}
