package io.buildfactory.http.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.application.jobs.port.in.ControlJobsUseCase;
import io.buildfactory.application.jobs.port.in.QueryJobsUseCase;
import io.buildfactory.domain.identity.Permissions;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobId;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.PageView;
import io.buildfactory.http.shared.Requests;
import io.buildfactory.http.shared.RouteGroup;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;

/** Jobs as operators see them. There is no route to enqueue: jobs are created by use cases. */
public final class JobRoutes implements RouteGroup {

    private final QueryJobsUseCase query;
    private final ControlJobsUseCase control;
    private final ObjectMapper json;

    public JobRoutes(QueryJobsUseCase query, ControlJobsUseCase control, ObjectMapper json) {
        this.query = query;
        this.control = control;
        this.json = json;
    }

    record JobView(
            String id,
            String type,
            String state,
            int priority,
            Instant runAt,
            int attempts,
            int maxAttempts,
            String uniqueKey,
            String correlationId,
            String claimedBy,
            Instant claimExpiresAt,
            JsonNode payload,
            JsonNode result,
            String lastError,
            Instant createdAt,
            Instant updatedAt,
            Instant finishedAt,
            long version) {}

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/jobs", Access.requires(Permissions.JOB_READ), this::list),
                ApiRoute.get(
                        "/api/jobs/{id}",
                        Access.requires(Permissions.JOB_READ),
                        ctx -> ctx.json(view(query.get(Requests.actor(ctx), id(ctx))))),
                ApiRoute.post(
                        "/api/jobs/{id}/cancel",
                        Access.requires(Permissions.JOB_MANAGE),
                        ctx -> ctx.json(view(control.cancel(Requests.actor(ctx), id(ctx))))),
                ApiRoute.post(
                        "/api/jobs/{id}/retry",
                        Access.requires(Permissions.JOB_MANAGE),
                        ctx -> ctx.json(view(control.retry(Requests.actor(ctx), id(ctx))))));
    }

    private void list(Context ctx) {
        var page = query.list(
                Requests.actor(ctx),
                Requests.query(ctx, "type"),
                Requests.query(ctx, "state").map(JobState::fromCode),
                Requests.page(ctx));
        ctx.json(PageView.of(page, this::view));
    }

    private static JobId id(Context ctx) {
        return JobId.parse(ctx.pathParam("id"));
    }

    private JobView view(Job j) {
        return new JobView(
                j.id().toString(),
                j.type(),
                j.state().code(),
                j.priority(),
                j.runAt(),
                j.attempts(),
                j.maxAttempts(),
                j.uniqueKey().orElse(null),
                j.correlationId().orElse(null),
                j.claimedBy().orElse(null),
                j.claimExpiresAt().orElse(null),
                tree(j.payloadJson()),
                j.resultJson().map(this::tree).orElse(null),
                j.lastError().orElse(null),
                j.createdAt(),
                j.updatedAt(),
                j.finishedAt().orElse(null),
                j.version());
    }

    private JsonNode tree(String text) {
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }
}
