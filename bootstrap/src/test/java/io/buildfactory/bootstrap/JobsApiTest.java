package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Jobs through the running server: the maintenance schedule, listing, cancel and retry with their audit. */
class JobsApiTest {

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    @Test
    void maintenance_runs_as_jobs_and_operators_cancel_and_retry_with_an_audit_trail() throws Exception {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();

            awaitState(api, admin, "/api/jobs?type=session.sweep&state=succeeded", 1);
            HttpResult swept = api.get("/api/jobs?type=session.sweep", admin);
            contract.assertMatches("GET", "/api/jobs", swept);
            assertEquals(
                    "schedule:session.sweep",
                    swept.json().get("items").get(0).get("uniqueKey").asText());

            String later = app.app()
                    .enqueueJob()
                    .enqueue(new EnqueueJobUseCase.NewJob(
                            "report.build",
                            "{\"n\":1}",
                            0,
                            Optional.of(Instant.now().plusSeconds(3600)),
                            3,
                            Optional.empty()))
                    .id()
                    .toString();
            HttpResult cancelled = api.post("/api/jobs/" + later + "/cancel", admin, null);
            assertEquals(200, cancelled.status(), cancelled.body());
            contract.assertMatches("POST", "/api/jobs/{id}/cancel", cancelled);
            assertEquals("cancelled", cancelled.json().get("state").asText());
            assertEquals(
                    409, api.post("/api/jobs/" + later + "/cancel", admin, null).status(), "only queued jobs cancel");
            assertEquals(
                    409,
                    api.post("/api/jobs/" + later + "/retry", admin, null).status(),
                    "only failed or dead jobs retry");

            String unhandled = app.app()
                    .enqueueJob()
                    .enqueue(EnqueueJobUseCase.NewJob.of("nobody.handles", "{}"))
                    .id()
                    .toString();
            awaitState(api, admin, "/api/jobs?type=nobody.handles&state=failed", 1);
            HttpResult failed = api.get("/api/jobs/" + unhandled, admin);
            contract.assertMatches("GET", "/api/jobs/{id}", failed);
            assertTrue(failed.json().get("lastError").asText().contains("no handler"));
            HttpResult retried = api.post("/api/jobs/" + unhandled + "/retry", admin, null);
            assertEquals(200, retried.status());
            assertEquals(0, retried.json().get("attempts").asInt());

            var audit = new JooqAuditRepository(db.database(), Clock.systemUTC());
            var actions = audit
                    .find(
                            new AuditQuery(
                                    Optional.empty(),
                                    Optional.of("job."),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty()),
                            PageRequest.first(10))
                    .items()
                    .stream()
                    .map(e -> e.record().action())
                    .toList();
            assertEquals(java.util.List.of("job.cancel", "job.retry"), actions);
            assertEquals(
                    404, api.get("/api/jobs/01JQ0000000000000000000001", admin).status());
        }
    }

    private static void awaitState(Api api, String token, String query, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (api.get(query, token).json().get("items").size() < atLeast) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no job matched " + query);
            }
            Thread.sleep(50);
        }
    }
}
