package io.buildfactory.http.projects;

import io.buildfactory.application.projects.port.in.CreateProjectUseCase;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase.NewProject;
import io.buildfactory.application.projects.port.in.ManageProjectMembersUseCase;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase.ProjectChange;
import io.buildfactory.application.projects.port.in.ViewProjectsUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.identity.RoleId;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.projects.ProjectMember;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Projects: the home of work items, policies and conversations, addressed by their key. */
public final class ProjectRoutes implements RouteGroup {

    static final String PROJECTS = "/api/projects";

    private final CreateProjectUseCase create;
    private final UpdateProjectUseCase update;
    private final ViewProjectsUseCase view;
    private final ManageProjectMembersUseCase members;

    public ProjectRoutes(
            CreateProjectUseCase create,
            UpdateProjectUseCase update,
            ViewProjectsUseCase view,
            ManageProjectMembersUseCase members) {
        this.create = create;
        this.update = update;
        this.view = view;
        this.members = members;
    }

    record MemberBody(String userId, String roleId) {}

    record MemberView(String userId, String roleId, Instant since) {}

    record NewProjectBody(String key, String name, String description, String repoUrl, String defaultBranch) {}

    record ProjectChangeBody(Long version, String name, String description, String repoUrl, String defaultBranch) {}

    record ProjectView(
            String id,
            String key,
            String name,
            String description,
            String repoUrl,
            String defaultBranch,
            long actionSequence,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(PROJECTS, Access.requires(Permissions.PROJECT_CREATE), this::create),
                // members see their projects without factory.project.read: the use case decides
                ApiRoute.get(PROJECTS, Access.signedIn(), this::list),
                ApiRoute.get(
                        PROJECTS + "/{key}",
                        Access.signedIn(),
                        ctx -> ctx.json(view(view.get(Requests.actor(ctx), Requests.projectKey(ctx))))),
                new ApiRoute(
                        HandlerType.PATCH,
                        PROJECTS + "/{key}",
                        Access.requires(Permissions.PROJECT_UPDATE),
                        this::update),
                // whoever sees the project sees its members: members do without factory.project.read
                ApiRoute.get(
                        PROJECTS + "/{key}/members",
                        Access.signedIn(),
                        ctx -> ctx.json(Map.of(
                                "items",
                                members.members(Requests.actor(ctx), Requests.projectKey(ctx)).stream()
                                        .map(ProjectRoutes::memberView)
                                        .toList()))),
                ApiRoute.post(
                        PROJECTS + "/{key}/members",
                        Access.requires(Permissions.PROJECT_MANAGE_MEMBERS),
                        this::addMember),
                new ApiRoute(
                        HandlerType.DELETE,
                        PROJECTS + "/{key}/members/{userId}/roles/{roleId}",
                        Access.requires(Permissions.PROJECT_MANAGE_MEMBERS),
                        this::removeMember));
    }

    private void create(Context ctx) {
        NewProjectBody body = Requests.body(ctx, NewProjectBody.class);
        Project project = create.create(
                Requests.actor(ctx),
                new NewProject(
                        new ProjectKey(body.key()),
                        body.name(),
                        body.description(),
                        Optional.ofNullable(body.repoUrl()),
                        Optional.ofNullable(body.defaultBranch())));
        ctx.status(201).header("Location", PROJECTS + "/" + project.key()).json(view(project));
    }

    private void update(Context ctx) {
        ProjectChangeBody body = Requests.body(ctx, ProjectChangeBody.class);
        if (body.version() == null) {
            throw new InvalidInputException("version", "is required: send the version you read");
        }
        ctx.json(view(update.update(
                Requests.actor(ctx),
                new ProjectChange(
                        Requests.projectKey(ctx),
                        body.version(),
                        Optional.ofNullable(body.name()),
                        Optional.ofNullable(body.description()),
                        Optional.ofNullable(body.repoUrl()),
                        Optional.ofNullable(body.defaultBranch())))));
    }

    private void addMember(Context ctx) {
        MemberBody body = Requests.body(ctx, MemberBody.class);
        ProjectMember added = members.add(
                Requests.actor(ctx),
                Requests.projectKey(ctx),
                UserId.parse(required("userId", body.userId())),
                RoleId.parse(required("roleId", body.roleId())));
        ctx.status(201).json(memberView(added));
    }

    private void removeMember(Context ctx) {
        members.remove(
                Requests.actor(ctx),
                Requests.projectKey(ctx),
                UserId.parse(ctx.pathParam("userId")),
                RoleId.parse(ctx.pathParam("roleId")));
        ctx.status(204);
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidInputException(field, "is required");
        }
        return value;
    }

    private static MemberView memberView(ProjectMember m) {
        return new MemberView(m.user().toString(), m.role().toString(), m.since());
    }

    private void list(Context ctx) {
        ctx.json(PageView.of(view.list(Requests.actor(ctx), Requests.page(ctx)), ProjectRoutes::view));
    }

    static ProjectView view(Project p) {
        return new ProjectView(
                p.id().toString(),
                p.key().value(),
                p.name(),
                p.description(),
                p.repoUrl().orElse(null),
                p.defaultBranch(),
                p.actionSequence(),
                p.createdAt(),
                p.updatedAt(),
                p.version());
    }
}
