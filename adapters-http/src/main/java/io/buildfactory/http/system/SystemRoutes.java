package io.buildfactory.http.system;

import io.buildfactory.application.system.port.in.CheckReadinessUseCase;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import java.util.List;

/** Liveness, readiness and the API contract: public, so probes and clients need no credentials. */
public final class SystemRoutes implements RouteGroup {

    private final CheckReadinessUseCase readiness;
    private final OpenApiDocument openApi;

    public SystemRoutes(CheckReadinessUseCase readiness, OpenApiDocument openApi) {
        this.readiness = readiness;
        this.openApi = openApi;
    }

    record Health(String status) {}

    record Ready(
            String status, String database, String schemaVersion, List<String> pendingMigrations, String problem) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/health", Access.open(), ctx -> ctx.json(new Health("up"))),
                ApiRoute.get("/ready", Access.open(), this::ready),
                ApiRoute.get(
                        "/openapi.json",
                        Access.open(),
                        ctx -> ctx.contentType("application/json").result(openApi.json())));
    }

    private void ready(Context ctx) {
        CheckReadinessUseCase.Readiness r = readiness.check();
        ctx.status(r.ready() ? 200 : 503)
                .json(new Ready(
                        r.ready() ? "ready" : "not-ready",
                        r.database(),
                        r.schemaVersion(),
                        r.pendingMigrations(),
                        r.problem()));
    }
}
