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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs through the API: people queue them, agents claim, build, commit and finish; quiet agents lose their claim. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RunsApiTest {

    @Parameter
    Engine engine;

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    /** A clock the test moves, so a lease can run out without waiting for it. */
    static final class MovingClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    TestDatabase db;
    RunningApp app;
    Api api;
    String admin;
    final MovingClock clock = new MovingClock();
    String workflow;
    List<String> cards = new ArrayList<>();

    @BeforeEach
    void start() {
        db = TestDatabase.empty(engine);
        app = RunningApp.start(Api.withAdmin(db.databaseUrl()), clock);
        api = new Api(app.port());
        admin = api.admin();
        api.project(admin, "BF");
        workflow = made("/api/projects/BF/workflows", Map.of("name", "Delivery"));
        String activity = made("/api/workflows/" + workflow + "/activities", Map.of("name", "Build"));
        for (int i = 0; i < 3; i++) {
            cards.add(made("/api/activities/" + activity + "/cards", Map.of("title", "card " + i)));
        }
        made(
                "/api/cards/" + cards.getFirst() + "/planned-files",
                Map.of(
                        "logicalPath",
                        "src/Export.java",
                        "artifactKind",
                        "source",
                        "action",
                        "create",
                        "intentSummary",
                        "x"));
        assertEquals(
                200,
                api.call(
                                "PUT",
                                "/api/projects/BF/policy-profile",
                                admin,
                                Map.of(
                                        "version", 0,
                                        "requiredChecks", List.of("ci/build"),
                                        "allowedPaths", List.of("src/**", "docs/**"),
                                        "forbiddenPaths", List.of("src/secrets/**")))
                        .status());
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    String made(String path, Map<String, ?> body) {
        HttpResult r = api.post(path, admin, body);
        assertEquals(201, r.status(), path + ": " + r.body());
        return (r.json().has("id") ? r.json() : r.json().get("run")).get("id").asText();
    }

    String agent(String name) {
        return api.issueToken(admin, api.createAgent(admin, name + "@agents.example.com", "agent"));
    }

    @Test
    void a_run_is_built_by_agents_from_claim_to_commit_to_finish_and_ends_with_its_last_assignment() {
        HttpResult started =
                api.post("/api/projects/BF/runs", admin, Map.of("scope", "workflow", "workflowId", workflow));
        assertEquals(201, started.status(), started.body());
        contract.assertMatches("POST", "/api/projects/{key}/runs", started);
        String run = started.json().get("run").get("id").asText();
        assertEquals("queued", started.json().get("run").get("status").asText());
        assertEquals(3, started.json().get("assignments").size());
        assertEquals(3, started.json().get("cards").size(), "the inputs are frozen with the run");
        assertEquals(1, started.json().get("profile").get("version").asLong());

        // a later edit of the plan does not change what the run set out to build
        api.call("PATCH", "/api/cards/" + cards.getFirst(), admin, Map.of("version", 1, "title", "renamed"));

        String agent = agent("builder");
        Set<String> claimedCards = new HashSet<>();
        List<String> executions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpResult claim = api.post("/api/projects/BF/assignments/claim", agent, null);
            assertEquals(200, claim.status(), claim.body());
            contract.assertMatches("POST", "/api/projects/{key}/assignments/claim", claim);
            claimedCards.add(claim.json().get("assignment").get("cardId").asText());
            executions.add(claim.json().get("execution").get("id").asText());
            assertEquals("running", claim.json().get("run").get("status").asText());
            if (claim.json().get("assignment").get("cardId").asText().equals(cards.getFirst())) {
                assertEquals(
                        "card 0",
                        claim.json().get("card").get("card").get("title").asText(),
                        "as frozen");
                assertEquals(
                        List.of("src/Export.java"),
                        texts(claim.json().get("assignment").get("allowedPaths")),
                        "narrowed to the files the card plans");
            } else {
                assertEquals(
                        List.of("src/**", "docs/**"),
                        texts(claim.json().get("assignment").get("allowedPaths")));
            }
        }
        assertEquals(Set.copyOf(cards), claimedCards);
        assertEquals(
                204, api.post("/api/projects/BF/assignments/claim", agent, null).status(), "nothing left");

        String first = executions.getFirst();
        HttpResult beat = api.post(
                "/api/executions/" + first + "/heartbeat",
                agent,
                Map.of("inputTokens", 1200, "outputTokens", 300, "costMicros", 45000));
        assertEquals(200, beat.status(), beat.body());
        contract.assertMatches("POST", "/api/executions/{id}/heartbeat", beat);
        HttpResult down = api.post(
                "/api/executions/" + first + "/heartbeat",
                agent,
                Map.of("inputTokens", 10, "outputTokens", 300, "costMicros", 45000));
        assertEquals(400, down.status());
        assertEquals("usage", down.json().get("field").asText());

        HttpResult commit = api.post(
                "/api/executions/" + first + "/commits",
                agent,
                Map.of(
                        "sha", "0123456789abcdef0123456789abcdef01234567",
                        "message", "Add export",
                        "author", "builder",
                        "files",
                                List.of(
                                        Map.of("path", "src/Export.java", "change", "added"),
                                        Map.of("path", "src/secrets/key.pem", "change", "added"))));
        assertEquals(201, commit.status(), commit.body());
        contract.assertMatches("POST", "/api/executions/{id}/commits", commit);
        assertTrue(commit.json().get("flagged").asBoolean());
        assertEquals(List.of("src/secrets/key.pem"), texts(commit.json().get("offendingPaths")));
        HttpResult badFile = api.post(
                "/api/executions/" + first + "/commits",
                agent,
                Map.of(
                        "sha",
                        "1".repeat(40),
                        "message",
                        "m",
                        "author",
                        "a",
                        "files",
                        List.of(Map.of("path", "../x", "change", "added"))));
        assertEquals(400, badFile.status());
        assertEquals("files[0].path", badFile.json().get("field").asText());

        String other = agent("intruder");
        assertEquals(
                403,
                api.post("/api/executions/" + first + "/finish", other, Map.of("status", "succeeded"))
                        .status(),
                "only the execution's own agent reports it");

        for (String e : executions) {
            HttpResult done = api.post("/api/executions/" + e + "/finish", agent, Map.of("status", "succeeded"));
            assertEquals(200, done.status(), done.body());
        }
        HttpResult detail = api.get("/api/runs/" + run, admin);
        contract.assertMatches("GET", "/api/runs/{id}", detail);
        assertEquals("succeeded", detail.json().get("run").get("status").asText(), "the last assignment ended it");
        assertTrue(detail.json().get("run").get("finishedAt").isTextual());
        JsonNode firstCard = null;
        for (JsonNode a : detail.json().get("assignments")) {
            assertEquals("completed", a.get("assignment").get("status").asText());
            if (a.get("executions").get(0).get("execution").get("id").asText().equals(first)) {
                firstCard = a;
            }
        }
        assertEquals(1, firstCard.get("executions").get(0).get("commits").size());
        assertEquals(
                1200,
                firstCard
                        .get("executions")
                        .get(0)
                        .get("execution")
                        .get("inputTokens")
                        .asLong());
        HttpResult afterEnd = api.post(
                "/api/executions/" + first + "/commits",
                agent,
                Map.of("sha", "2".repeat(40), "message", "late", "author", "a"));
        assertEquals(409, afterEnd.status(), "an ended execution reports no more commits");
        HttpResult list = api.get("/api/projects/BF/runs", admin);
        contract.assertMatches("GET", "/api/projects/{key}/runs", list);
        assertEquals(1, list.json().get("items").size());
        assertEquals(
                409,
                api.call("DELETE", "/api/cards/" + cards.get(1) + "?version=1", admin, null)
                        .status(),
                "a built card is kept for its lineage");
    }

    @Test
    void many_agents_claiming_at_once_each_get_a_different_assignment() throws Exception {
        for (String card : cards) {
            assertEquals(
                    201,
                    api.post("/api/projects/BF/runs", admin, Map.of("scope", "card", "cardId", card))
                            .status());
        }
        int agents = 6;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            tokens.add(agent("a" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(agents);
        CyclicBarrier start = new CyclicBarrier(agents);
        Map<String, String> claims = new ConcurrentHashMap<>();
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (String token : tokens) {
            all.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        HttpResult r = api.post("/api/projects/BF/assignments/claim", token, null);
                        if (r.status() == 200) {
                            String assignment =
                                    r.json().get("assignment").get("id").asText();
                            if (claims.putIfAbsent(assignment, token) != null) {
                                throw new AssertionError("claimed twice: " + assignment);
                            }
                        }
                        return r.status();
                    },
                    pool));
        }
        List<Integer> statuses = new ArrayList<>();
        for (var f : all) {
            statuses.add(f.get());
        }
        pool.shutdown();
        assertEquals(3, claims.size(), "three assignments, three winners");
        assertEquals(3, statuses.stream().filter(s -> s == 204).count(), "the rest found nothing: " + statuses);
    }

    @Test
    void a_quiet_agent_loses_its_claim_and_another_picks_the_assignment_up() {
        String run = made("/api/projects/BF/runs", Map.of("scope", "card", "cardId", cards.getFirst()));
        String quiet = agent("quiet");
        HttpResult claim = api.post("/api/projects/BF/assignments/claim", quiet, null);
        String execution = claim.json().get("execution").get("id").asText();
        clock.advance(Duration.ofMinutes(4));
        assertEquals(0, app.app().executeAssignments().reapLost(), "within its lease");
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, app.app().executeAssignments().reapLost(), "past its lease, no heartbeat");
        HttpResult late = api.post(
                "/api/executions/" + execution + "/heartbeat",
                quiet,
                Map.of("inputTokens", 0, "outputTokens", 0, "costMicros", 0));
        assertEquals(409, late.status(), "a lost execution reports no more: " + late.body());
        HttpResult again = api.post("/api/projects/BF/assignments/claim", agent("eager"), null);
        assertEquals(200, again.status(), again.body());
        assertEquals(
                claim.json().get("assignment").get("id").asText(),
                again.json().get("assignment").get("id").asText(),
                "the same assignment, claimable again");
        HttpResult detail = api.get("/api/runs/" + run, admin);
        JsonNode attempts = detail.json().get("assignments").get(0).get("executions");
        assertEquals("lost", attempts.get(0).get("execution").get("status").asText());
        assertEquals("running", attempts.get(1).get("execution").get("status").asText());
        assertFalse(
                api.get("/api/audit/events?actionPrefix=execution.lost", admin)
                        .json()
                        .get("items")
                        .isEmpty(),
                "the loss is audited");

        HttpResult cancelled = api.post(
                "/api/runs/" + run + "/cancel",
                admin,
                Map.of("version", detail.json().get("run").get("version").asLong()));
        assertEquals(200, cancelled.status(), cancelled.body());
        assertEquals("cancelled", cancelled.json().get("status").asText());
        HttpResult after = api.get("/api/runs/" + run, admin);
        assertEquals(
                "failed",
                after.json()
                        .get("assignments")
                        .get(0)
                        .get("executions")
                        .get(1)
                        .get("execution")
                        .get("status")
                        .asText(),
                "a cancelled run's running execution fails");
        assertEquals(
                "cancelled",
                after.json()
                        .get("assignments")
                        .get(0)
                        .get("assignment")
                        .get("status")
                        .asText());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
