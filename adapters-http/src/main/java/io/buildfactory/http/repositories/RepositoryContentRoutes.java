package io.buildfactory.http.repositories;

import io.buildfactory.application.repositories.port.in.KeepObjectsUseCase;
import io.buildfactory.application.repositories.port.in.RelateRepositoriesUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.repositories.ObjectId;
import io.buildfactory.domain.repositories.ObjectMetadata;
import io.buildfactory.domain.repositories.RelationKind;
import io.buildfactory.domain.repositories.Relationship;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.HandlerType;
import java.time.Instant;
import java.util.List;

/** Object metadata and relationships of a repository over HTTP: writes present the lease's fencing token. */
public final class RepositoryContentRoutes implements RouteGroup {

    private final KeepObjectsUseCase objects;
    private final RelateRepositoriesUseCase relationships;

    public RepositoryContentRoutes(KeepObjectsUseCase objects, RelateRepositoriesUseCase relationships) {
        this.objects = objects;
        this.relationships = relationships;
    }

    record ObjectBody(Long size, String contentType, String storageKey, Long fencingToken) {}

    record RelationshipBody(String kind, String targetId, Long fencingToken) {}

    record ObjectView(
            String repositoryId,
            String oid,
            long size,
            String contentType,
            String storageKey,
            long fencingToken,
            String createdBy,
            Instant createdAt) {}

    record RelationshipView(
            String sourceId, String kind, String targetId, long fencingToken, String createdBy, Instant createdAt) {}

    record RelationshipsView(List<RelationshipView> items) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(
                        HandlerType.PUT,
                        "/api/repositories/{id}/objects/{oid}",
                        Access.requires(Permissions.REPOSITORY_WRITE),
                        ctx -> {
                            ObjectBody b = Requests.body(ctx, ObjectBody.class);
                            if (b.size() == null) {
                                throw new InvalidInputException("size", "is required: the object's size in bytes");
                            }
                            KeepObjectsUseCase.Written written = objects.put(
                                    Requests.actor(ctx),
                                    RepositoryPaths.id(ctx),
                                    RepositoryPaths.token("fencingToken", b.fencingToken()),
                                    new KeepObjectsUseCase.NewObject(
                                            ObjectId.parse(ctx.pathParam("oid")),
                                            b.size(),
                                            b.contentType(),
                                            b.storageKey()));
                            ctx.status(written.created() ? 201 : 200).json(view(written.object()));
                        }),
                ApiRoute.get(
                        "/api/repositories/{id}/objects/{oid}", Access.requires(Permissions.REPOSITORY_READ), ctx -> {
                            ObjectId oid;
                            try {
                                oid = ObjectId.parse(ctx.pathParam("oid"));
                            } catch (InvalidInputException e) {
                                throw new NotFoundException("object", ctx.pathParam("oid"));
                            }
                            ctx.json(view(objects.object(Requests.actor(ctx), RepositoryPaths.id(ctx), oid)));
                        }),
                ApiRoute.get(
                        "/api/repositories/{id}/objects",
                        Access.requires(Permissions.REPOSITORY_READ),
                        ctx -> ctx.json(PageView.of(
                                objects.objects(Requests.actor(ctx), RepositoryPaths.id(ctx), Requests.page(ctx)),
                                RepositoryContentRoutes::view))),
                ApiRoute.post(
                        "/api/repositories/{id}/relationships", Access.requires(Permissions.REPOSITORY_WRITE), ctx -> {
                            RelationshipBody b = Requests.body(ctx, RelationshipBody.class);
                            if (b.kind() == null) {
                                throw new InvalidInputException(
                                        "kind", "is required: fork-of, mirror-of or depends-on");
                            }
                            ctx.status(201)
                                    .json(view(relationships.relate(
                                            Requests.actor(ctx),
                                            RepositoryPaths.id(ctx),
                                            RepositoryPaths.token("fencingToken", b.fencingToken()),
                                            RelationKind.parse(b.kind()),
                                            targetId(b.targetId()))));
                        }),
                ApiRoute.get(
                        "/api/repositories/{id}/relationships",
                        Access.requires(Permissions.REPOSITORY_READ),
                        ctx -> ctx.json(new RelationshipsView(
                                relationships.relationships(Requests.actor(ctx), RepositoryPaths.id(ctx)).stream()
                                        .map(RepositoryContentRoutes::view)
                                        .toList()))),
                ApiRoute.delete(
                        "/api/repositories/{id}/relationships/{kind}/{targetId}",
                        Access.requires(Permissions.REPOSITORY_WRITE),
                        ctx -> {
                            RelationKind kind;
                            RepositoryId target;
                            try {
                                kind = RelationKind.parse(ctx.pathParam("kind"));
                                target = RepositoryId.parse(ctx.pathParam("targetId"));
                            } catch (InvalidInputException e) {
                                throw new NotFoundException("relationship", ctx.pathParam("kind"));
                            }
                            relationships.unrelate(
                                    Requests.actor(ctx),
                                    RepositoryPaths.id(ctx),
                                    RepositoryPaths.queryToken(ctx),
                                    kind,
                                    target);
                            ctx.status(204);
                        }));
    }

    private static RepositoryId targetId(String text) {
        try {
            return RepositoryId.parse(text);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("targetId", e.reason());
        }
    }

    static ObjectView view(ObjectMetadata o) {
        return new ObjectView(
                o.repository().toString(),
                o.oid().toString(),
                o.size(),
                o.contentType(),
                o.storageKey(),
                o.writtenUnder().value(),
                o.createdBy().toString(),
                o.createdAt());
    }

    static RelationshipView view(Relationship r) {
        return new RelationshipView(
                r.source().toString(),
                r.kind().code(),
                r.target().toString(),
                r.writtenUnder().value(),
                r.createdBy().toString(),
                r.createdAt());
    }
}
