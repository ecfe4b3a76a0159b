package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A work item linked to a card hands it to orchestration: start-execution queues a run of the card through a job,
 * queue truth is made of what orchestration observed (and goes stale with a moving clock past the profile's
 * threshold), and prepare-release judges the real run, not fields a user typed.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class WorkItemHandoffTest {

    @Parameter
    Engine engine;

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());
    final RunsApiTest.MovingClock clock = new RunsApiTest.MovingClock();
    TestDatabase db;
    RunningApp app;
    Api api;
    String admin;
    String card;

    @BeforeEach
    void start() {
        db = TestDatabase.empty(engine);
        app = RunningApp.start(Api.withAdmin(db.databaseUrl()), clock);
        api = new Api(app.port());
        admin = api.admin();
        api.project(admin, "BF");
        String workflow = made("/api/projects/BF/workflows", Map.of("name", "Delivery"));
        String activity = made("/api/workflows/" + workflow + "/activities", Map.of("name", "Build"));
        card = made("/api/activities/" + activity + "/cards", Map.of("title", "Export to CSV"));
        HttpResult profile = api.call(
                "PUT",
                "/api/projects/BF/policy-profile",
                admin,
                Map.of(
                        "version",
                        0,
                        "requiredChecks",
                        List.of("ci/build"),
                        "allowedPaths",
                        List.of("src/**"),
                        "signalsStaleAfterSeconds",
                        600));
        assertEquals(200, profile.status(), profile.body());
        contract.assertMatches("PUT", "/api/projects/{key}/policy-profile", profile);
        assertEquals(600, profile.json().get("signalsStaleAfterSeconds").asLong());
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    String made(String path, Map<String, ?> body) {
        HttpResult r = api.post(path, admin, body);
        assertEquals(201, r.status(), path + ": " + r.body());
        return r.json().get("id").asText();
    }

    /** A feature whose own fields would let it ship: only the run's data can hold it back. */
    String item(String title) {
        HttpResult created = api.post(
                "/api/control-plane/items",
                admin,
                Map.of(
                        "projectKey", "BF",
                        "title", title,
                        "workType", "feature",
                        "branch", "bf/typed-branch",
                        "validationCommand", "./mvnw verify",
                        "pullRequest", Map.of("url", "https://github.com/acme/factory/pull/1", "state", "merged"),
                        "doneCriteria", List.of(Map.of("statement", "exports CSV", "met", true))));
        assertEquals(201, created.status(), created.body());
        return "/api/control-plane/items/" + created.json().get("key").asText();
    }

    HttpResult act(String item, String action) {
        HttpResult r = api.post(item + "/actions/" + action, admin, null);
        contract.assertMatches("POST", "/api/control-plane/items/{id}/actions/{action}", r);
        return r;
    }

    JsonNode truth(String item) {
        HttpResult view = api.get(item, admin);
        assertEquals(200, view.status(), view.body());
        contract.assertMatches("GET", "/api/control-plane/items/{id}", view);
        return view.json().get("queueTruth");
    }

    /** The card's runs, once the handoff job has queued one (the workers poll; the test waits for them). */
    JsonNode runsOfCard(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            JsonNode runs =
                    api.get("/api/cards/" + card + "/lineage", admin).json().get("runs");
            if (runs.size() >= expected || System.nanoTime() > deadline) {
                return runs;
            }
            Thread.sleep(50);
        }
    }

    static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }

    @Test
    void start_execution_queues_a_run_of_the_card_and_the_items_truth_and_release_follow_the_run() throws Exception {
        String item = item("Export to CSV");
        String id = api.get(item, admin).json().get("item").get("id").asText();
        assertEquals(
                200,
                api.call("PUT", item + "/card", admin, Map.of("cardId", card)).status());
        assertEquals("unobserved", truth(item).get("freshness").asText(), "a card with no run has no signal");

        assertEquals(200, act(item, "mark-ready").status());
        HttpResult started = act(item, "start-execution");
        assertEquals(200, started.status(), started.body());
        long version = started.json().get("item").get("version").asLong();

        JsonNode runs = runsOfCard(1);
        assertEquals(1, runs.size(), "the handoff job queued one run");
        JsonNode run = runs.get(0).get("run");
        assertEquals("queued", run.get("status").asText());
        assertEquals("card", run.get("scope").asText());
        assertEquals(id + "@" + version, run.get("handoff").asText());
        String me =
                api.get("/api/auth/session", admin).json().get("user").get("id").asText();
        assertEquals(me, run.get("startedBy").asText(), "started by whoever started execution");
        assertEquals(
                "wi-BF-1",
                api.get("/api/audit/events?actionPrefix=run.start", admin)
                        .json()
                        .get("items")
                        .get(0)
                        .get("details")
                        .get("workItem")
                        .asText());

        // one correlation id from the request through its job to the run it queued
        String correlation = started.header("X-Correlation-Id");
        assertEquals(
                correlation,
                api.get("/api/jobs?type=runs.handoff", admin)
                        .json()
                        .get("items")
                        .get(0)
                        .get("correlationId")
                        .asText(),
                "the job keeps the request's correlation id");
        assertEquals(
                List.of("work-item.start-execution", "run.start"),
                texts(
                        api.get("/api/audit/events?correlationId=" + correlation, admin)
                                .json()
                                .get("items"),
                        "action"),
                "the request's audit entry and the one its job wrote, found by the request's id");
        assertTrue(app.app().telemetrySink().flush(Duration.ofSeconds(10)));
        assertEquals(
                List.of("job.succeeded", "launch.run.queued"),
                texts(
                                api.get("/api/telemetry/events?correlationId=" + correlation, admin)
                                        .json()
                                        .get("items"),
                                "eventType")
                        .stream()
                        .filter(type -> type.startsWith("job.") || type.startsWith("launch.run."))
                        .sorted()
                        .toList(),
                "and its telemetry");

        JsonNode fresh = truth(item);
        assertEquals("fresh", fresh.get("freshness").asText());
        assertEquals(600, fresh.get("staleAfterSeconds").asLong());
        assertEquals(List.of("run", "check:ci/build"), texts(fresh.get("signals"), "signal"));
        assertEquals(List.of("queued", "pending"), texts(fresh.get("signals"), "value"));
        assertEquals(0, fresh.get("drift").size(), fresh.toString());

        clock.advance(Duration.ofSeconds(601));
        JsonNode stale = truth(item);
        assertEquals("stale", stale.get("freshness").asText());
        assertEquals(601, stale.get("snapshotAgeSeconds").asLong());
        assertTrue(stale.get("guidance").get(0).asText().contains("600 s"), stale.toString());

        // the agent builds it; the check passes; the candidate goes ready and asks for approval
        String agent = api.issueToken(admin, api.createAgent(admin, "builder@agents.example.com", "agent"));
        JsonNode claim =
                api.post("/api/projects/BF/assignments/claim", agent, null).json();
        String execution = claim.get("execution").get("id").asText();
        String assignment = claim.get("assignment").get("id").asText();
        api.post(
                "/api/executions/" + execution + "/commits",
                agent,
                Map.of(
                        "sha",
                        "c".repeat(40),
                        "message",
                        "Export to CSV",
                        "author",
                        "builder",
                        "files",
                        List.of(Map.of("path", "src/Export.java", "change", "added"))));
        String runId = run.get("id").asText();
        api.post("/api/runs/" + runId + "/checks", agent, Map.of("name", "ci/build", "status", "passed"));
        String candidate = api.post("/api/assignments/" + assignment + "/candidate", agent, Map.of("title", "CSV"))
                .json()
                .get("id")
                .asText();
        assertEquals(
                200,
                api.post("/api/candidates/" + candidate + "/transitions", agent, Map.of("state", "ready", "version", 1))
                        .status());
        String approval = api.post("/api/candidates/" + candidate + "/approvals", agent, null)
                .json()
                .get("id")
                .asText();
        assertEquals(
                200,
                api.post("/api/executions/" + execution + "/finish", agent, Map.of("status", "succeeded"))
                        .status());

        assertEquals(200, act(item, "request-review").status());
        assertEquals(200, act(item, "complete").status(), "the typed pull request lets the lane move");
        JsonNode done = truth(item);
        assertEquals(
                List.of("pull-request-candidate", "approval"),
                texts(done.get("drift"), "signal"),
                "Done, but what was observed says otherwise: " + done);

        HttpResult early = act(item, "prepare-release");
        assertEquals(200, early.status(), early.body());
        JsonNode validation = early.json().get("item").get("lastValidation");
        assertFalse(validation.get("passed").asBoolean(), "the typed merged pull request does not ship it");
        assertEquals(
                List.of("pull-request candidate merged", "approval approved"), texts(validation.get("failures"), null));

        api.createHuman(admin, "reviewer@example.com", "reviewer-passphrase-1", "maintainer");
        String reviewer = api.logIn("reviewer@example.com", "reviewer-passphrase-1");
        assertEquals(
                200,
                api.post("/api/approvals/" + approval + "/decision", reviewer, Map.of("approve", true))
                        .status());
        for (Map<String, Object> move : List.of(
                Map.<String, Object>of(
                        "state", "opened", "url", "https://github.com/acme/factory/pull/9", "version", 2),
                Map.<String, Object>of("state", "merged", "version", 3))) {
            HttpResult moved = api.post("/api/candidates/" + candidate + "/transitions", agent, move);
            assertEquals(200, moved.status(), moved.body());
        }
        JsonNode shipped = act(item, "prepare-release").json().get("item").get("lastValidation");
        assertTrue(shipped.get("passed").asBoolean(), shipped.toString());
        JsonNode agreed = truth(item);
        assertEquals(0, agreed.get("drift").size(), agreed.toString());
        assertEquals(
                List.of("run", "check:ci/build", "pull-request-candidate", "approval", "validation"),
                texts(agreed.get("signals"), "signal"));
        assertEquals("fresh", agreed.get("freshness").asText());
    }

    @Test
    void a_refused_start_queues_nothing_and_an_item_without_a_card_hands_nothing_over() throws Exception {
        String linked = item("Linked");
        assertEquals(
                200,
                api.call("PUT", linked + "/card", admin, Map.of("cardId", card)).status());
        assertEquals(409, act(linked, "start-execution").status(), "Backlog cannot start");
        String unlinked = item("Unlinked");
        assertEquals(200, act(unlinked, "mark-ready").status());
        assertEquals(200, act(unlinked, "start-execution").status());
        assertEquals(
                0,
                api.get("/api/jobs?type=runs.handoff", admin)
                        .json()
                        .get("items")
                        .size(),
                "no handoff was queued");
        assertEquals(0, runsOfCard(0).size());
        JsonNode typed = truth(unlinked);
        assertEquals(List.of("pull-request"), texts(typed.get("signals"), "signal"));
    }
}
