package io.buildfactory.http.repositories;

import io.buildfactory.application.repositories.port.in.KeepMirrorsUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.repositories.Mirror;
import io.buildfactory.domain.repositories.MirrorDirection;
import io.buildfactory.domain.repositories.MirrorId;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A repository's mirrors over HTTP: settings written with the lease's fencing token, and "sync now", which answers
 * 202 at once (the sync runs in the background; the mirror's status and last sync tell how it went).
 */
public final class MirrorRoutes implements RouteGroup {

    /** A new mirror syncs every 15 minutes unless told otherwise. */
    static final long DEFAULT_INTERVAL_SECONDS = 900;

    private final KeepMirrorsUseCase mirrors;

    public MirrorRoutes(KeepMirrorsUseCase mirrors) {
        this.mirrors = mirrors;
    }

    record AddBody(String remoteUrl, String direction, Long intervalSeconds, Boolean prune, Long fencingToken) {}

    record ChangeBody(Long intervalSeconds, Boolean prune, Boolean enabled, Long fencingToken, Long version) {}

    record MirrorView(
            String id,
            String repositoryId,
            String remoteUrl,
            String direction,
            long intervalSeconds,
            boolean prune,
            boolean enabled,
            String status,
            Instant lastSyncAt,
            Instant lastSuccessAt,
            Instant nextSyncAt,
            String lastError,
            int consecutiveFailures,
            int refsUpdated,
            int refsDeleted,
            Instant syncingUntil,
            long fencingToken,
            String createdBy,
            Instant createdAt,
            Instant updatedAt,
            long version) {}

    record MirrorsView(List<MirrorView> items) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/repositories/{id}/mirrors", Access.requires(Permissions.REPOSITORY_WRITE), ctx -> {
                    AddBody b = Requests.body(ctx, AddBody.class);
                    if (b.remoteUrl() == null) {
                        throw new InvalidInputException("remoteUrl", "is required: the remote to sync with");
                    }
                    Mirror added = mirrors.add(
                            Requests.actor(ctx),
                            RepositoryPaths.id(ctx),
                            RepositoryPaths.token("fencingToken", b.fencingToken()),
                            new KeepMirrorsUseCase.NewMirror(
                                    new RemoteUrl(b.remoteUrl()),
                                    b.direction() == null ? MirrorDirection.PULL : MirrorDirection.parse(b.direction()),
                                    interval(
                                            b.intervalSeconds() == null
                                                    ? DEFAULT_INTERVAL_SECONDS
                                                    : b.intervalSeconds()),
                                    Boolean.TRUE.equals(b.prune())));
                    ctx.status(201)
                            .header("Location", "/api/repositories/" + added.repository() + "/mirrors/" + added.id())
                            .json(view(added));
                }),
                ApiRoute.get(
                        "/api/repositories/{id}/mirrors",
                        Access.requires(Permissions.REPOSITORY_READ),
                        ctx -> ctx.json(
                                new MirrorsView(mirrors.mirrors(Requests.actor(ctx), RepositoryPaths.id(ctx)).stream()
                                        .map(MirrorRoutes::view)
                                        .toList()))),
                ApiRoute.get(
                        "/api/repositories/{id}/mirrors/{mirrorId}",
                        Access.requires(Permissions.REPOSITORY_READ),
                        ctx -> ctx.json(
                                view(mirrors.mirror(Requests.actor(ctx), RepositoryPaths.id(ctx), mirrorId(ctx))))),
                ApiRoute.patch(
                        "/api/repositories/{id}/mirrors/{mirrorId}",
                        Access.requires(Permissions.REPOSITORY_WRITE),
                        ctx -> {
                            ChangeBody b = Requests.body(ctx, ChangeBody.class);
                            if (b.version() == null) {
                                throw new InvalidInputException("version", "is required: send the version you read");
                            }
                            ctx.json(view(mirrors.change(
                                    Requests.actor(ctx),
                                    RepositoryPaths.id(ctx),
                                    mirrorId(ctx),
                                    RepositoryPaths.token("fencingToken", b.fencingToken()),
                                    new KeepMirrorsUseCase.Settings(
                                            Optional.ofNullable(b.intervalSeconds())
                                                    .map(MirrorRoutes::interval),
                                            Optional.ofNullable(b.prune()),
                                            Optional.ofNullable(b.enabled())),
                                    b.version())));
                        }),
                ApiRoute.delete(
                        "/api/repositories/{id}/mirrors/{mirrorId}",
                        Access.requires(Permissions.REPOSITORY_WRITE),
                        ctx -> {
                            mirrors.remove(
                                    Requests.actor(ctx),
                                    RepositoryPaths.id(ctx),
                                    mirrorId(ctx),
                                    RepositoryPaths.queryToken(ctx));
                            ctx.status(204);
                        }),
                ApiRoute.post(
                        "/api/repositories/{id}/mirrors/{mirrorId}/sync",
                        Access.requires(Permissions.REPOSITORY_WRITE),
                        ctx -> ctx.status(202)
                                .json(view(mirrors.syncNow(
                                        Requests.actor(ctx), RepositoryPaths.id(ctx), mirrorId(ctx))))));
    }

    private static MirrorId mirrorId(io.javalin.http.Context ctx) {
        return Requests.pathId(ctx, "mirrorId", "mirror", MirrorId::parse);
    }

    /** Seconds as given: the range is the domain's to check ({@code Mirror.interval}), naming intervalSeconds. */
    private static Duration interval(long seconds) {
        return Duration.ofSeconds(seconds);
    }

    static MirrorView view(Mirror m) {
        return new MirrorView(
                m.id().toString(),
                m.repository().toString(),
                m.remote().value(),
                m.direction().code(),
                m.interval().toSeconds(),
                m.prune(),
                m.enabled(),
                m.status().code(),
                m.lastSyncAt().orElse(null),
                m.lastSuccessAt().orElse(null),
                m.nextSyncAt(),
                m.lastError().orElse(null),
                m.consecutiveFailures(),
                m.lastChanges().updated(),
                m.lastChanges().deleted(),
                m.syncingUntil().orElse(null),
                m.writtenUnder().value(),
                m.createdBy().toString(),
                m.createdAt(),
                m.updatedAt(),
                m.version());
    }
}
