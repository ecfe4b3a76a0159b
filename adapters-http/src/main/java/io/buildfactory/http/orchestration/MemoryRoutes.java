package io.buildfactory.http.orchestration;

import io.buildfactory.application.orchestration.port.in.KeepMemoryUseCase;
import io.buildfactory.application.orchestration.port.in.RecallMemoryUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.memory.MemoryKind;
import io.buildfactory.domain.memory.MemoryScope;
import io.buildfactory.domain.memory.MemoryUnitId;
import io.buildfactory.domain.memory.Retrieval;
import io.buildfactory.domain.orchestration.ExecutionId;
import io.buildfactory.domain.orchestration.RunId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A project's memory over HTTP: units written and deleted, their scopes, a ranked search whose every answer is
 * logged, and that log read per run. Agents write and search with API tokens; people read what they were told.
 */
public final class MemoryRoutes implements RouteGroup {

    private final KeepMemoryUseCase keep;
    private final RecallMemoryUseCase recall;

    public MemoryRoutes(KeepMemoryUseCase keep, RecallMemoryUseCase recall) {
        this.keep = keep;
        this.recall = recall;
    }

    record ScopeBody(String scope, String id) {}

    record UnitBody(String kind, String source, String content, String embeddingRef, List<ScopeBody> scopes) {}

    record SearchBody(String query, List<ScopeBody> scopes, String runId, String executionId, Integer limit) {}

    record ScopeView(String scope, String id) {}

    record UnitView(
            String id,
            String projectId,
            String kind,
            String source,
            String content,
            String embeddingRef,
            Map<String, Integer> findings,
            List<ScopeView> scopes,
            String createdBy,
            Instant createdAt) {}

    record ResultView(int rank, double score, UnitView unit) {}

    record AnswerView(
            String retrievalId, String runId, String executionId, Instant retrievedAt, List<ResultView> results) {}

    record HitView(String unitId, int rank, double score) {}

    record RetrievalView(
            String id,
            String query,
            List<ScopeView> scopes,
            String runId,
            String executionId,
            String retrievedBy,
            Instant retrievedAt,
            List<HitView> hits) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/projects/{key}/memory", Access.requires(Permissions.MEMORY_WRITE), ctx -> {
                    UnitBody b = Requests.body(ctx, UnitBody.class);
                    if (b.kind() == null) {
                        throw new InvalidInputException("kind", "is required");
                    }
                    ctx.status(201)
                            .json(unitView(keep.remember(
                                    Requests.actor(ctx),
                                    Requests.projectKey(ctx),
                                    new KeepMemoryUseCase.Remember(
                                            MemoryKind.parse(b.kind()),
                                            b.source(),
                                            b.content(),
                                            Optional.ofNullable(b.embeddingRef()),
                                            scopes(b.scopes())))));
                }),
                ApiRoute.get(
                        "/api/projects/{key}/memory",
                        Access.requires(Permissions.MEMORY_READ),
                        ctx -> ctx.json(PageView.of(
                                recall.units(
                                        Requests.actor(ctx),
                                        Requests.projectKey(ctx),
                                        scopeFilter(ctx),
                                        Requests.page(ctx)),
                                MemoryRoutes::unitView))),
                ApiRoute.post(
                        "/api/projects/{key}/memory/search", Access.requires(Permissions.MEMORY_READ), this::search),
                ApiRoute.get(
                        "/api/memory/{id}",
                        Access.requires(Permissions.MEMORY_READ),
                        ctx -> ctx.json(
                                unitView(recall.unit(Requests.actor(ctx), Requests.pathId(ctx, MemoryUnitId::parse))))),
                ApiRoute.delete("/api/memory/{id}", Access.requires(Permissions.MEMORY_WRITE), ctx -> {
                    keep.forget(Requests.actor(ctx), Requests.pathId(ctx, MemoryUnitId::parse));
                    ctx.status(204);
                }),
                ApiRoute.post("/api/memory/{id}/scopes", Access.requires(Permissions.MEMORY_WRITE), ctx -> {
                    ScopeBody b = Requests.body(ctx, ScopeBody.class);
                    ctx.status(201)
                            .json(unitView(keep.relate(
                                    Requests.actor(ctx),
                                    Requests.pathId(ctx, MemoryUnitId::parse),
                                    MemoryScope.parse(b.scope(), b.id()))));
                }),
                ApiRoute.delete(
                        "/api/memory/{id}/scopes/{scope}/{scopeId}", Access.requires(Permissions.MEMORY_WRITE), ctx -> {
                            MemoryScope scope;
                            try {
                                scope = MemoryScope.parse(ctx.pathParam("scope"), ctx.pathParam("scopeId"));
                            } catch (InvalidInputException e) {
                                throw new NotFoundException("relation", ctx.pathParam("scope"));
                            }
                            ctx.json(unitView(keep.unrelate(
                                    Requests.actor(ctx), Requests.pathId(ctx, MemoryUnitId::parse), scope)));
                        }),
                ApiRoute.get(
                        "/api/runs/{id}/memory-retrievals",
                        Access.requires(Permissions.MEMORY_READ),
                        ctx -> ctx.json(PageView.of(
                                recall.retrievals(
                                        Requests.actor(ctx), Requests.pathId(ctx, RunId::parse), Requests.page(ctx)),
                                MemoryRoutes::retrievalView))));
    }

    private void search(Context ctx) {
        SearchBody b = Requests.body(ctx, SearchBody.class);
        if (b.query() == null) {
            throw new InvalidInputException("query", "is required");
        }
        RecallMemoryUseCase.Answer answer = recall.search(
                Requests.actor(ctx),
                Requests.projectKey(ctx),
                new RecallMemoryUseCase.Search(
                        b.query(),
                        scopes(b.scopes()),
                        Optional.ofNullable(b.runId()).map(RunId::parse),
                        Optional.ofNullable(b.executionId()).map(ExecutionId::parse),
                        b.limit() == null ? RecallMemoryUseCase.DEFAULT_LIMIT : b.limit()));
        Retrieval r = answer.retrieval();
        ctx.json(new AnswerView(
                r.id().toString(),
                r.run().map(RunId::toString).orElse(null),
                r.execution().map(ExecutionId::toString).orElse(null),
                r.retrievedAt(),
                answer.units().stream()
                        .map(f -> new ResultView(f.rank(), f.score(), unitView(f.unit())))
                        .toList()));
    }

    /** {@code ?scope=card&scopeId=…}: both or neither. */
    private static Optional<MemoryScope> scopeFilter(Context ctx) {
        Optional<String> scope = Requests.query(ctx, "scope");
        Optional<String> id = Requests.query(ctx, "scopeId");
        if (scope.isEmpty() && id.isEmpty()) {
            return Optional.empty();
        }
        if (id.isEmpty()) {
            throw new InvalidInputException("scopeId", "is required with scope");
        }
        if (scope.isEmpty()) {
            throw new InvalidInputException("scope", "is required with scopeId");
        }
        try {
            return Optional.of(MemoryScope.parse(scope.get(), id.get()));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field().equals("id") ? "scopeId" : e.field(), e.reason());
        }
    }

    private static List<MemoryScope> scopes(List<ScopeBody> bodies) {
        if (bodies == null) {
            return List.of();
        }
        if (bodies.size() > RecallMemoryUseCase.MAX_SCOPES) {
            throw new InvalidInputException(
                    "scopes", "must name at most " + RecallMemoryUseCase.MAX_SCOPES + " scopes");
        }
        return bodies.stream()
                .map(s -> {
                    if (s == null) {
                        throw new InvalidInputException("scopes", "must hold objects with scope and id");
                    }
                    try {
                        return MemoryScope.parse(s.scope(), s.id());
                    } catch (InvalidInputException e) {
                        throw new InvalidInputException("scopes." + e.field(), e.reason());
                    }
                })
                .toList();
    }

    private static List<ScopeView> scopeViews(List<MemoryScope> scopes) {
        return scopes.stream()
                .map(s -> new ScopeView(s.kind().code(), s.id().value()))
                .toList();
    }

    static UnitView unitView(RecallMemoryUseCase.UnitView v) {
        Map<String, Integer> findings = new TreeMap<>();
        v.unit().findings().forEach((kind, n) -> findings.put(kind.code(), n));
        return new UnitView(
                v.unit().id().toString(),
                v.unit().project().toString(),
                v.unit().kind().code(),
                v.unit().source(),
                v.content(),
                v.unit().embeddingRef().orElse(null),
                findings,
                scopeViews(v.scopes()),
                v.unit().createdBy().toString(),
                v.unit().createdAt());
    }

    static RetrievalView retrievalView(Retrieval r) {
        return new RetrievalView(
                r.id().toString(),
                r.query(),
                scopeViews(r.scopes()),
                r.run().map(RunId::toString).orElse(null),
                r.execution().map(ExecutionId::toString).orElse(null),
                r.retrievedBy().toString(),
                r.retrievedAt(),
                r.hits().stream()
                        .map(h -> new HitView(h.unit().toString(), h.rank(), h.score()))
                        .toList());
    }
}
