package io.buildfactory.http.projects;

import io.buildfactory.application.projects.port.in.CreateProjectUseCase;
import io.buildfactory.application.projects.port.in.CreateProjectUseCase.NewProject;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase;
import io.buildfactory.application.projects.port.in.UpdateProjectUseCase.ProjectChange;
import io.buildfactory.application.projects.port.in.ViewProjectsUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.projects.ProjectKey;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Projects: the home of work items, policies and conversations, addressed by their key. */
public final class ProjectRoutes implements RouteGroup {

    static final String PROJECTS = "/api/projects";

    private final CreateProjectUseCase create;
    private final UpdateProjectUseCase update;
    private final ViewProjectsUseCase view;

    public ProjectRoutes(CreateProjectUseCase create, UpdateProjectUseCase update, ViewProjectsUseCase view) {
        this.create = create;
        this.update = update;
        this.view = view;
    }

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
                ApiRoute.get(PROJECTS, Access.requires(Permissions.PROJECT_READ), this::list),
                ApiRoute.get(
                        PROJECTS + "/{key}",
                        Access.requires(Permissions.PROJECT_READ),
                        ctx -> ctx.json(view(view.get(Requests.actor(ctx), key(ctx))))),
                new ApiRoute(
                        HandlerType.PATCH,
                        PROJECTS + "/{key}",
                        Access.requires(Permissions.PROJECT_UPDATE),
                        this::update));
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
                        key(ctx),
                        body.version(),
                        Optional.ofNullable(body.name()),
                        Optional.ofNullable(body.description()),
                        Optional.ofNullable(body.repoUrl()),
                        Optional.ofNullable(body.defaultBranch())))));
    }

    private void list(Context ctx) {
        ctx.json(PageView.of(view.list(Requests.actor(ctx), Requests.page(ctx)), ProjectRoutes::view));
    }

    /** The key in the path; a malformed one is 404, as no project can have it. */
    private static ProjectKey key(Context ctx) {
        String key = ctx.pathParam("key");
        try {
            return new ProjectKey(key);
        } catch (InvalidInputException e) {
            throw new NotFoundException("project", key);
        }
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
