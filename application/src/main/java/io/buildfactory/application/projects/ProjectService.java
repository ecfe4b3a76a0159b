package io.buildfactory.application.projects;

import io.buildfactory.application.audit.port.in.AuditAction;
import io.buildfactory.application.audit.port.in.AuditTarget;
import io.buildfactory.application.audit.port.in.AuditTrail;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase;
import io.buildfactory.application.projects.port.in.ManageProjectMembersUseCase;
import io.buildfactory.application.projects.port.in.ProjectAccess;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase;
import io.buildfactory.application.projects.port.in.ViewProjectsUseCase;
import io.buildfactory.application.projects.port.out.ProjectMembers;
import io.buildfactory.application.projects.port.out.ProjectRepository;
import io.buildfactory.application.shared.VersionedCache;
import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.application.shared.port.out.ChangeVersions;
import io.buildfactory.application.shared.port.out.TransactionRunner;
import io.buildfactory.application.telemetry.port.in.ServerEvent;
import io.buildfactory.application.telemetry.port.in.Telemetry;
import io.buildfactory.domain.identity.Permission;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectId;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.projects.ProjectMember;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.ForbiddenException;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Projects and who holds roles in them: created and edited by those allowed, each change audited in its own
 * transaction; and what an actor may do inside a project (global permissions and project roles together).
 */
public final class ProjectService
        implements CreateProjectUseCase,
                UpdateProjectUseCase,
                ViewProjectsUseCase,
                ManageProjectMembersUseCase,
                ProjectAccess {

    private final ProjectRepository projects;
    private final ProjectMembers members;
    private final TransactionRunner transactions;
    private final AuditTrail audit;
    private final Telemetry telemetry;
    private final IdGenerator ids;
    private final Clock clock;

    /**
     * Projects, and each caller's standing in them, are asked for on nearly every request: they are kept while
     * nothing they are read from has changed anywhere ({@link ChangeVersions}), so a removed member or role is
     * refused on the very next request, on every server.
     */
    private final VersionedCache<ProjectKey, Project> byKey;

    private final VersionedCache<ProjectId, Project> byId;
    private final VersionedCache<Membership, Standing> standings;

    private record Membership(UserId user, ProjectId project) {}

    /** What the user's roles in the project grant, and whether they hold any role there. */
    private record Standing(Set<Permission> granted, boolean member) {}

    static final int CACHE_CAPACITY = 10_000;

    public ProjectService(
            ProjectRepository projects,
            ProjectMembers members,
            TransactionRunner transactions,
            AuditTrail audit,
            Telemetry telemetry,
            IdGenerator ids,
            Clock clock,
            ChangeVersions versions) {
        this.byKey = new VersionedCache<>(versions::work, CACHE_CAPACITY);
        this.byId = new VersionedCache<>(versions::work, CACHE_CAPACITY);
        this.standings = new VersionedCache<>(versions::principalsAndWork, CACHE_CAPACITY);
        this.projects = projects;
        this.members = members;
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
        in(actor, change.key()).orElseThrow(() -> notFound(change.key())).require(Permissions.PROJECT_UPDATE);
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
    public Optional<Project> find(ProjectKey key) {
        return byKey.get(key, p -> true, projects::findByKey);
    }

    @Override
    public Optional<Project> find(ProjectId id) {
        return byId.get(id, p -> true, projects::findById);
    }

    @Override
    public Project get(Actor actor, ProjectKey key) {
        in(actor, key).orElseThrow(() -> notFound(key));
        return find(key).orElseThrow(() -> notFound(key));
    }

    @Override
    public Page<Project> list(Actor actor, PageRequest page) {
        if (actor.holds(Permissions.PROJECT_READ)) {
            return projects.list(page);
        }
        // a member of a few projects sees those: few enough to list without paging the whole table
        List<Project> mine = members.projectsOf(actor.userId()).stream()
                .sorted(Comparator.comparing(ProjectKey::value))
                .filter(k -> page.after()
                        .map(after -> k.value().compareTo(after) > 0)
                        .orElse(true))
                .map(projects::findByKey)
                .flatMap(Optional::stream)
                .limit(page.limit() + 1L)
                .toList();
        return Page.of(mine, page.limit(), p -> p.key().value());
    }

    // ---- members ----

    @Override
    public List<ProjectMember> members(Actor actor, ProjectKey key) {
        in(actor, key).orElseThrow(() -> notFound(key));
        return members.of(project(key).id());
    }

    @Override
    public ProjectMember add(Actor actor, ProjectKey key, UserId user, RoleId role) {
        Actor manager = in(actor, key).orElseThrow(() -> notFound(key));
        manager.require(Permissions.PROJECT_MANAGE_MEMBERS);
        // managing members is not a way up: only role managers give roles beyond what they hold here themselves
        if (!manager.holds(Permissions.ROLE_MANAGE) && !manager.permissions().containsAll(members.grantsOf(role))) {
            throw ForbiddenException.because(
                    "you may give in " + key + " only roles whose permissions you hold there yourself");
        }
        ProjectMember member = new ProjectMember(project(key).id(), user, role, clock.instant());
        transactions.inTransaction(() -> {
            members.add(member);
            audit.success(
                    actor,
                    AuditAction.PROJECT_MEMBER_ADD,
                    AuditTarget.user(user),
                    Map.of("project", key.value(), "roleId", role.toString()));
        });
        telemetry.emit(
                ServerEvent.PROJECT_MEMBER_ADDED, actor, Map.of("project", key.value(), "role", role.toString()));
        return member;
    }

    @Override
    public void remove(Actor actor, ProjectKey key, UserId user, RoleId role) {
        in(actor, key).orElseThrow(() -> notFound(key)).require(Permissions.PROJECT_MANAGE_MEMBERS);
        ProjectId id = project(key).id();
        transactions.inTransaction(() -> {
            if (!members.remove(id, user, role)) {
                throw new NotFoundException("project member", user + " as " + role);
            }
            audit.success(
                    actor,
                    AuditAction.PROJECT_MEMBER_REMOVE,
                    AuditTarget.user(user),
                    Map.of("project", key.value(), "roleId", role.toString()));
        });
        telemetry.emit(
                ServerEvent.PROJECT_MEMBER_REMOVED, actor, Map.of("project", key.value(), "role", role.toString()));
    }

    // ---- access ----

    @Override
    public Optional<Actor> in(Actor actor, ProjectKey key) {
        Optional<Project> project = find(key);
        if (project.isEmpty()) {
            return Optional.empty();
        }
        Standing standing = standings
                .get(
                        new Membership(actor.userId(), project.get().id()),
                        s -> true,
                        m -> Optional.of(new Standing(
                                members.permissionsIn(m.user(), m.project()), members.isMember(m.user(), m.project()))))
                .orElseThrow();
        boolean visible = actor.holds(Permissions.PROJECT_READ)
                || standing.granted().contains(Permissions.PROJECT_READ)
                || standing.member();
        return visible ? Optional.of(actor.alsoHolding(standing.granted())) : Optional.empty();
    }

    @Override
    public Optional<Set<ProjectKey>> where(Actor actor, Permission permission) {
        if (actor.holds(Permissions.PROJECT_READ) && actor.holds(permission)) {
            return Optional.empty();
        }
        Set<ProjectKey> granted = new TreeSet<>(Comparator.comparing(ProjectKey::value));
        for (ProjectKey key : members.projectsOf(actor.userId())) {
            if (in(actor, key).map(a -> a.holds(permission)).orElse(false)) {
                granted.add(key);
            }
        }
        return Optional.of(granted);
    }

    private Project project(ProjectKey key) {
        return find(key).orElseThrow(() -> notFound(key));
    }

    private static NotFoundException notFound(ProjectKey key) {
        return new NotFoundException("project", key);
    }
}
