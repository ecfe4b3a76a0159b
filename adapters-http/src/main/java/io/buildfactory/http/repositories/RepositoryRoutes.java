package io.buildfactory.http.repositories;

import io.buildfactory.application.repositories.port.in.HoldLeaseUseCase;
import io.buildfactory.application.repositories.port.in.ManageRepositoriesUseCase;
import io.buildfactory.application.repositories.port.in.ViewRepositoriesUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.Visibility;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Repositories and their leases over HTTP. The lease is taken with {@code POST …/lease} and given back with
 * {@code DELETE …/lease?token=}; a settings change presents the token too, in {@code fencingToken}.
 */
public final class RepositoryRoutes implements RouteGroup {

    private final ManageRepositoriesUseCase manage;
    private final HoldLeaseUseCase lease;
    private final ViewRepositoriesUseCase view;

    public RepositoryRoutes(ManageRepositoriesUseCase manage, HoldLeaseUseCase lease, ViewRepositoriesUseCase view) {
        this.manage = manage;
        this.lease = lease;
        this.view = view;
    }

    record NewRepositoryBody(String name, String defaultBranch, String visibility, String storageLocation) {}

    record SettingsBody(String defaultBranch, String visibility, Long version, Long fencingToken) {}

    record RepositoryView(
            String id,
            String projectId,
            String name,
            String defaultBranch,
            String visibility,
            String storageLocation,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    record LeaseView(
            String repositoryId,
            String state,
            String holder,
            Long fencingToken,
            Instant acquiredAt,
            Instant expiresAt,
            long lastToken) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post(
                        "/api/projects/{key}/repositories", Access.requires(Permissions.REPOSITORY_WRITE), ctx -> {
                            NewRepositoryBody b = Requests.body(ctx, NewRepositoryBody.class);
                            ctx.status(201)
                                    .json(view(manage.create(
                                            Requests.actor(ctx),
                                            Requests.projectKey(ctx),
                                            new ManageRepositoriesUseCase.NewRepository(
                                                    b.name(),
                                                    b.defaultBranch(),
                                                    b.visibility() == null ? null : Visibility.parse(b.visibility()),
                                                    b.storageLocation()))));
                        }),
                ApiRoute.get(
                        "/api/projects/{key}/repositories",
                        Access.requires(Permissions.REPOSITORY_READ),
                        ctx -> ctx.json(PageView.of(
                                view.repositories(Requests.actor(ctx), Requests.projectKey(ctx), Requests.page(ctx)),
                                RepositoryRoutes::view))),
                ApiRoute.get(
                        "/api/repositories/{id}",
                        Access.requires(Permissions.REPOSITORY_READ),
                        ctx -> ctx.json(view(view.repository(Requests.actor(ctx), RepositoryPaths.id(ctx))))),
                ApiRoute.patch("/api/repositories/{id}", Access.requires(Permissions.REPOSITORY_WRITE), ctx -> {
                    SettingsBody b = Requests.body(ctx, SettingsBody.class);
                    if (b.version() == null) {
                        throw new InvalidInputException("version", "is required: send the version you read");
                    }
                    ctx.json(view(manage.changeSettings(
                            Requests.actor(ctx),
                            RepositoryPaths.id(ctx),
                            RepositoryPaths.token("fencingToken", b.fencingToken()),
                            Optional.ofNullable(b.defaultBranch()),
                            Optional.ofNullable(b.visibility()).map(Visibility::parse),
                            b.version())));
                }),
                ApiRoute.post("/api/repositories/{id}/lease", Access.requires(Permissions.REPOSITORY_WRITE), ctx -> {
                    Lease granted = lease.acquire(Requests.actor(ctx), RepositoryPaths.id(ctx));
                    ctx.status(201)
                            .json(view(new ViewRepositoriesUseCase.LeaseState(
                                    granted.repository(),
                                    Optional.of(granted),
                                    granted.token().value())));
                }),
                ApiRoute.get(
                        "/api/repositories/{id}/lease",
                        Access.requires(Permissions.REPOSITORY_READ),
                        ctx -> ctx.json(view(view.lease(Requests.actor(ctx), RepositoryPaths.id(ctx))))),
                ApiRoute.delete("/api/repositories/{id}/lease", Access.requires(Permissions.REPOSITORY_WRITE), ctx -> {
                    lease.release(Requests.actor(ctx), RepositoryPaths.id(ctx), RepositoryPaths.queryToken(ctx));
                    ctx.status(204);
                }));
    }

    static RepositoryView view(CodeRepository r) {
        return new RepositoryView(
                r.id().toString(),
                r.project().toString(),
                r.name(),
                r.defaultBranch(),
                r.visibility().code(),
                r.storageLocation(),
                r.createdAt(),
                r.updatedAt(),
                r.version());
    }

    static LeaseView view(ViewRepositoriesUseCase.LeaseState s) {
        return s.held()
                .map(l -> new LeaseView(
                        s.repository().toString(),
                        "held",
                        l.holder().toString(),
                        l.token().value(),
                        l.acquiredAt(),
                        l.expiresAt(),
                        s.lastToken()))
                .orElseGet(
                        () -> new LeaseView(s.repository().toString(), "free", null, null, null, null, s.lastToken()));
    }
}
