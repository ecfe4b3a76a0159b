package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A work item driven from backlog to done and release preparation through the API, as the seeds show it. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class WorkItemFlowTest {

    static final String PASSWORD = "control-plane-pass-1";

    @Parameter
    Engine engine;

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    @Test
    void an_item_goes_from_backlog_to_done_and_release_preparation_by_the_right_roles() throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();
            api.project(admin, "BF");
            api.createHuman(admin, "cora@example.com", PASSWORD, "contributor");
            api.createHuman(admin, "max@example.com", PASSWORD, "maintainer");
            String cora = api.logIn("cora@example.com", PASSWORD);
            String max = api.logIn("max@example.com", PASSWORD);

            HttpResult created = api.post(
                    "/api/control-plane/items",
                    cora,
                    Map.of(
                            "projectKey",
                            "BF",
                            "title",
                            "Database/Persistence foundation",
                            "workType",
                            "feature",
                            "branch",
                            "bf/BF-213-database-orm-foundation",
                            "validationCommand",
                            "./scripts/validate-local.ps1",
                            "pullRequest",
                            Map.of(
                                    "url",
                                    "https://github.com/SingletonTheory/build-factory-bootstrap/pull/235",
                                    "state",
                                    "open"),
                            "doneCriteria",
                            List.of(Map.of("statement", "migrations run clean", "met", false)),
                            "promptContext",
                            Map.of(
                                    "path",
                                    "./work-items/prompts/wi-BF-213.prompt.md",
                                    "text",
                                    "Establish the persistence layer.")));
            assertEquals(201, created.status(), created.body());
            contract.assertMatches("POST", "/api/control-plane/items", created);
            String item =
                    "/api/control-plane/items/" + created.json().get("key").asText();
            assertEquals("wi-BF-1", created.json().get("key").asText());

            for (String action : List.of("mark-ready", "start-execution", "request-review")) {
                HttpResult moved = api.post(item + "/actions/" + action, cora, null);
                assertEquals(200, moved.status(), action + ": " + moved.body());
                contract.assertMatches("POST", "/api/control-plane/items/{id}/actions/{action}", moved);
            }

            HttpResult forbidden = api.post(item + "/actions/complete", cora, null);
            assertEquals(403, forbidden.status());
            assertEquals(
                    "factory.work-item.complete",
                    forbidden.json().get("permission").asText());

            HttpResult blocked = api.post(item + "/actions/complete", max, null);
            assertEquals(409, blocked.status());
            contract.assertMatches("POST", "/api/control-plane/items/{id}/actions/{action}", blocked);
            assertEquals("/problems/action-blocked", blocked.json().get("type").asText());
            List<String> stopping = new java.util.ArrayList<>();
            for (JsonNode gate : blocked.json().get("gates")) {
                if (gate.get("verdict").asText().equals("blocked")) {
                    stopping.add(gate.get("gate").asText());
                    assertTrue(gate.has("cause")
                            && gate.has("policyContext")
                            && gate.has("nextStep")
                            && gate.has("safeRetry"));
                }
            }
            assertEquals(List.of("pull-request", "done-criteria"), stopping);

            int version = api.get(item, max).json().get("item").get("version").asInt();
            HttpResult fixed = api.call(
                    "PATCH",
                    item,
                    max,
                    Map.of(
                            "version",
                            version,
                            "title",
                            "Database/Persistence foundation",
                            "branch",
                            "bf/BF-213-database-orm-foundation",
                            "validationCommand",
                            "./scripts/validate-local.ps1",
                            "pullRequest",
                            Map.of(
                                    "url",
                                    "https://github.com/SingletonTheory/build-factory-bootstrap/pull/235",
                                    "state",
                                    "merged"),
                            "doneCriteria",
                            List.of(Map.of("statement", "migrations run clean", "met", true)),
                            "promptContext",
                            Map.of(
                                    "path",
                                    "./work-items/prompts/wi-BF-213.prompt.md",
                                    "text",
                                    "Establish the persistence layer.")));
            assertEquals(200, fixed.status(), fixed.body());
            assertEquals(
                    409,
                    api.call("PATCH", item, max, Map.of("version", version, "title", "stale"))
                            .status());
            assertEquals(200, api.post(item + "/actions/complete", max, null).status());

            HttpResult view = api.get(item, cora);
            assertEquals(200, view.status());
            contract.assertMatches("GET", "/api/control-plane/items/{id}", view);
            JsonNode start = action(view.json(), "start-execution");
            assertFalse(start.get("enabled").asBoolean());
            assertEquals("factory.work-item.execute", start.get("permission").asText());
            JsonNode transition = start.get("gates").get(0);
            assertEquals("lane-transition", transition.get("gate").asText());
            assertEquals(
                    "Done items stay closed; Start execution cannot move them backward.",
                    transition.get("cause").asText());
            assertEquals(
                    "Lane transition policy blocks Start execution when the item is already Done.",
                    transition.get("policyContext").asText());
            assertEquals(
                    "Create a net-new work item if more delivery is needed instead of reopening this one.",
                    transition.get("nextStep").asText());
            assertEquals(
                    "Do not retry Start execution on a done item.",
                    transition.get("safeRetry").asText());
            assertEquals(
                    "POST /api/control-plane/items/wi-BF-1/actions/start-execution",
                    start.get("endpoint").asText());
            assertFalse(
                    action(view.json(), "prepare-release").get("enabled").asBoolean(), "cora may not prepare releases");
            assertTrue(action(api.get(item, max).json(), "prepare-release")
                    .get("enabled")
                    .asBoolean());
            assertEquals(
                    List.of("No reconciliation required; item truth signals are consistent."),
                    List.of(view.json().get("queueTruth").get("guidance").get(0).asText()));
            assertEquals("done", view.json().get("item").get("status").asText());

            HttpResult release =
                    api.call("POST", item + "/actions/prepare-release", max, null, "Idempotency-Key", "release-1");
            HttpResult again =
                    api.call("POST", item + "/actions/prepare-release", max, null, "Idempotency-Key", "release-1");
            assertEquals(200, release.status(), release.body());
            assertEquals(release.body(), again.body(), "the same key returns the first response");
            assertEquals("true", again.header("Idempotent-Replayed"));
            assertTrue(release.json()
                    .get("item")
                    .get("lastValidation")
                    .get("passed")
                    .asBoolean());
            HttpResult history = api.get(item + "/history", max);
            contract.assertMatches("GET", "/api/control-plane/items/{id}/history", history);
            assertEquals(1, history.json().get("items").size(), "acted once");

            JooqAuditRepository audit = new JooqAuditRepository(db.database(), Clock.systemUTC());
            List<String> trail = audit
                    .find(
                            new AuditQuery(
                                    Optional.empty(),
                                    Optional.of("work-item."),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty()),
                            PageRequest.first(50))
                    .items()
                    .stream()
                    .map(e -> e.record().action() + ":" + e.record().outcome().code())
                    .toList();
            assertEquals(
                    List.of(
                            "work-item.create:success",
                            "work-item.mark-ready:success",
                            "work-item.start-execution:success",
                            "work-item.request-review:success",
                            "work-item.complete:denied",
                            "work-item.complete:denied",
                            "work-item.update:success",
                            "work-item.complete:success",
                            "work-item.prepare-release:success"),
                    trail);

            assertTrue(app.app().telemetrySink().flush(Duration.ofSeconds(10)));
            JooqTelemetryRepository telemetry = new JooqTelemetryRepository(
                    db.database(), Clock.systemUTC(), IdGenerator.secure(Clock.systemUTC()));
            List<String> types = telemetry
                    .find(
                            new TelemetryQuery(
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty()),
                            PageRequest.first(200))
                    .items()
                    .stream()
                    .map(e -> e.eventType().value())
                    .filter(t -> t.contains("work-item") || t.startsWith("review.") || t.startsWith("launch."))
                    .toList();
            assertEquals(
                    List.of(
                            "action.work-item.created",
                            "action.work-item.mark-ready",
                            "action.work-item.start-execution",
                            "action.work-item.request-review",
                            "review.requested",
                            "action.work-item.complete",
                            "review.completed",
                            "action.work-item.prepare-release",
                            "launch.prepared"),
                    types);
        }
    }

    private static JsonNode action(JsonNode view, String identity) {
        for (JsonNode a : view.get("actions")) {
            if (a.get("identity").asText().equals(identity)) {
                return a;
            }
        }
        throw new AssertionError("no action " + identity);
    }
}
