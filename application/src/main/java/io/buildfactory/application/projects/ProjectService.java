package io.buildfactory.application.projects;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase;
import io.buildfactory.application.projects.port.in.ProjectLookup;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase;
import io.buildfactory.application.projects.port.in.ViewProjectsUseCase;
import io.buildfactory.application.projects.port.out.ProjectRepository;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** Projects: created and edited by those allowed, each change audited in its own transaction. */
public final class ProjectService
        implements CreateProjectUseCase, UpdateProjectUseCase, ViewProjectsUseCase, ProjectLookup {

    private final ProjectRepository projects;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    public ProjectService(
            ProjectRepository projects,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock) {
        this.projects = projects;
        this.transactions = transactions;
        this.audit = audit;
        this.telemetry = telemetry;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Project create(Actor actor, NewProject request) {
        actor.require(Permissions.PROJECT_CREATE);
        Project project = Project.create(
                new ProjectId(ids.next()),
                request.key(),
                request.name(),
                request.description(),
                request.repoUrl(),
                request.defaultBranch(),
                clock.instant());
        transactions.inTransaction(() -> {
            projects.insert(project);
            audit.success(
                    actor,
                    AuditAction.PROJECT_CREATE,
                    AuditTarget.project(project.key()),
                    Map.of("name", project.name()));
        });
        telemetry.emit(
                ServerEvent.PROJECT_CREATED,
                actor,
                Map.of("project", project.key().value()));
        return project;
    }

    @Override
    public Project update(Actor actor, ProjectChange change) {
        actor.require(Permissions.PROJECT_UPDATE);
        Project saved = transactions.inTransaction(() -> {
            Project current = projects.findByKey(change.key()).orElseThrow(() -> notFound(change.key()));
            if (current.version() != change.version()) {
                throw ConflictException.staleVersion("project", change.key(), change.version());
            }
            Project stored = projects.update(current.edit(
                    change.name().orElse(current.name()),
                    change.description().orElse(current.description()),
                    change.repoUrl().isPresent() ? change.repoUrl().filter(url -> !url.isBlank()) : current.repoUrl(),
                    change.defaultBranch().orElse(current.defaultBranch()),
                    clock.instant()));
            audit.success(
                    actor,
                    AuditAction.PROJECT_UPDATE,
                    AuditTarget.project(stored.key()),
                    Map.of("version", Long.toString(stored.version())));
            return stored;
        });
        telemetry.emit(
                ServerEvent.PROJECT_UPDATED,
                actor,
                Map.of("project", saved.key().value(), "version", saved.version()));
        return saved;
    }

    @Override
    public Project get(Actor actor, ProjectKey key) {
        actor.require(Permissions.PROJECT_READ);
        return projects.findByKey(key).orElseThrow(() -> notFound(key));
    }

    @Override
    public Page<Project> list(Actor actor, PageRequest page) {
        actor.require(Permissions.PROJECT_READ);
        return projects.list(page);
    }

    @Override
    public Optional<Project> byKey(ProjectKey key) {
        return projects.findByKey(key);
    }

    private static NotFoundException notFound(ProjectKey key) {
        return new NotFoundException("project", key);
    }
}
