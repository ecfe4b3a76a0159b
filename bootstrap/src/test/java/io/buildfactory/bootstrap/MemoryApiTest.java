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
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A project's memory through the API, with content sealing on: agents write what they learnt and search it for
 * their execution; the run's retrieval log says what they were told; a deleted unit leaves search and a tombstone.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class MemoryApiTest {

    static final String GITHUB_TOKEN = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";

    @Parameter
    Engine engine;

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    TestDatabase db;
    RunningApp app;
    Api api;
    String admin;
    String card;
    String otherCard;

    @BeforeEach
    void start() {
        db = TestDatabase.empty(engine);
        Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
        env.put("BF_SENSITIVE_DATA", "encrypt");
        env.put("BF_CONTENT_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        app = RunningApp.start(env);
        api = new Api(app.port());
        admin = api.admin();
        api.project(admin, "BF");
        api.project(admin, "OPS");
        card = cardIn("BF");
        otherCard = cardIn("OPS");
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    String cardIn(String project) {
        String workflow = made("/api/projects/" + project + "/workflows", Map.of("name", "Delivery"));
        String activity = made("/api/workflows/" + workflow + "/activities", Map.of("name", "Build"));
        return made("/api/activities/" + activity + "/cards", Map.of("title", "Leases"));
    }

    String made(String path, Map<String, ?> body) {
        HttpResult r = api.post(path, admin, body);
        assertEquals(201, r.status(), path + ": " + r.body());
        return (r.json().has("id") ? r.json() : r.json().get("run")).get("id").asText();
    }

    HttpResult remember(String token, String content, List<Map<String, String>> scopes) {
        return api.post(
                "/api/projects/BF/memory",
                token,
                Map.of("kind", "lesson", "source", "execution", "content", content, "scopes", scopes));
    }

    @Test
    void an_agent_remembers_searches_for_its_execution_and_the_run_keeps_what_it_was_told() {
        String agent = api.issueToken(admin, api.createAgent(admin, "builder@agents.example.com", "agent"));
        String run = made("/api/projects/BF/runs", Map.of("scope", "card", "cardId", card));
        HttpResult claim = api.post("/api/projects/BF/assignments/claim", agent, null);
        assertEquals(200, claim.status(), claim.body());
        String execution = claim.json().get("execution").get("id").asText();

        HttpResult written = remember(
                agent,
                "Renew the lease at two thirds of its term; the deploy token " + GITHUB_TOKEN + " is rotated.",
                List.of(Map.of("scope", "card", "id", card), Map.of("scope", "run", "id", run)));
        assertEquals(201, written.status(), written.body());
        contract.assertMatches("POST", "/api/projects/{key}/memory", written);
        String content = written.json().get("content").asText();
        assertFalse(content.contains(GITHUB_TOKEN), content);
        assertTrue(content.contains("[ENCRYPTED:api-key]"), "sealed and masked: " + content);
        assertEquals(1, written.json().get("findings").get("api-key").asInt());
        assertEquals(
                List.of("project", "card", "run"),
                written.json().get("scopes").findValuesAsText("scope"),
                "its project first, widest first");
        remember(agent, "Mirrors sync every hour.", List.of());

        HttpResult answer = api.post(
                "/api/projects/BF/memory/search",
                agent,
                Map.of(
                        "query",
                        "renewing leases",
                        "executionId",
                        execution,
                        "scopes",
                        List.of(Map.of("scope", "card", "id", card))));
        assertEquals(200, answer.status(), answer.body());
        contract.assertMatches("POST", "/api/projects/{key}/memory/search", answer);
        assertEquals(run, answer.json().get("runId").asText(), "the execution names its run");
        JsonNode results = answer.json().get("results");
        assertEquals(1, results.size(), results.toString());
        assertEquals(1, results.get(0).get("rank").asInt());
        assertEquals(written.json().get("id"), results.get(0).get("unit").get("id"));

        HttpResult log = api.get("/api/runs/" + run + "/memory-retrievals", admin);
        assertEquals(200, log.status(), log.body());
        contract.assertMatches("GET", "/api/runs/{id}/memory-retrievals", log);
        JsonNode retrievals = log.json().get("items");
        assertEquals(1, retrievals.size());
        JsonNode logged = retrievals.get(0);
        assertEquals(answer.json().get("retrievalId"), logged.get("id"));
        assertEquals(execution, logged.get("executionId").asText());
        assertEquals("renewing leases", logged.get("query").asText());
        assertEquals(written.json().get("id"), logged.get("hits").get(0).get("unitId"));
        assertEquals(
                results.get(0).get("score").asDouble(),
                logged.get("hits").get(0).get("score").asDouble(),
                "the score as answered");
    }

    @Test
    void a_query_holding_a_secret_is_logged_redacted() {
        String run = made("/api/projects/BF/runs", Map.of("scope", "card", "cardId", card));
        remember(admin, "password rotation runbook", List.of());
        HttpResult answer = api.post(
                "/api/projects/BF/memory/search", admin, Map.of("query", "rotation " + GITHUB_TOKEN, "runId", run));
        assertEquals(200, answer.status(), answer.body());
        String logged = api.get("/api/runs/" + run + "/memory-retrievals", admin)
                .json()
                .get("items")
                .get(0)
                .get("query")
                .asText();
        assertEquals("rotation [REDACTED:api-key]", logged);
    }

    @Test
    void scopes_are_the_projects_own_and_each_is_related_once() {
        HttpResult foreign = remember(admin, "x", List.of(Map.of("scope", "card", "id", otherCard)));
        assertEquals(400, foreign.status(), foreign.body());
        assertEquals("scopes", foreign.json().get("field").asText(), foreign.body());
        HttpResult unknown = remember(admin, "x", List.of(Map.of("scope", "team", "id", card)));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("scopes.scope", unknown.json().get("field").asText(), unknown.body());

        String unit = remember(admin, "fencing tokens grow", List.of())
                .json()
                .get("id")
                .asText();
        HttpResult related = api.post("/api/memory/" + unit + "/scopes", admin, Map.of("scope", "card", "id", card));
        assertEquals(201, related.status(), related.body());
        contract.assertMatches("POST", "/api/memory/{id}/scopes", related);
        assertEquals(
                409,
                api.post("/api/memory/" + unit + "/scopes", admin, Map.of("scope", "card", "id", card))
                        .status());
        HttpResult listed = api.get("/api/projects/BF/memory?scope=card&scopeId=" + card, admin);
        contract.assertMatches("GET", "/api/projects/{key}/memory", listed);
        assertEquals(1, listed.json().get("items").size(), listed.body());
        assertEquals(unit, listed.json().get("items").get(0).get("id").asText());

        String project = related.json().get("projectId").asText();
        assertEquals(
                400,
                api.call("DELETE", "/api/memory/" + unit + "/scopes/project/" + project, admin, null)
                        .status(),
                "a unit keeps its project");
        HttpResult unrelated = api.call("DELETE", "/api/memory/" + unit + "/scopes/card/" + card, admin, null);
        assertEquals(200, unrelated.status(), unrelated.body());
        contract.assertMatches("DELETE", "/api/memory/{id}/scopes/{scope}/{scopeId}", unrelated);
        assertEquals(
                404,
                api.call("DELETE", "/api/memory/" + unit + "/scopes/card/" + card, admin, null)
                        .status());
        assertEquals(
                0,
                api.get("/api/projects/BF/memory?scope=card&scopeId=" + card, admin)
                        .json()
                        .get("items")
                        .size());
    }

    @Test
    void a_deleted_unit_leaves_search_at_once_and_a_tombstone_in_the_audit_trail() {
        HttpResult written = remember(admin, "Tombstones keep the content's hash.", List.of());
        String unit = written.json().get("id").asText();
        HttpResult read = api.get("/api/memory/" + unit, admin);
        contract.assertMatches("GET", "/api/memory/{id}", read);
        assertEquals(
                1,
                api.post("/api/projects/BF/memory/search", admin, Map.of("query", "tombstone"))
                        .json()
                        .get("results")
                        .size());

        assertEquals(204, api.call("DELETE", "/api/memory/" + unit, admin, null).status());
        assertEquals(404, api.get("/api/memory/" + unit, admin).status());
        assertEquals(404, api.call("DELETE", "/api/memory/" + unit, admin, null).status());
        assertEquals(
                0,
                api.post("/api/projects/BF/memory/search", admin, Map.of("query", "tombstone"))
                        .json()
                        .get("results")
                        .size());
        JsonNode tombstone = api.get("/api/audit/events?actionPrefix=memory.delete", admin)
                .json()
                .get("items")
                .get(0);
        assertEquals(unit, tombstone.get("targetId").asText(), tombstone.toString());
        assertEquals("lesson", tombstone.get("details").get("kind").asText());
        assertTrue(
                tombstone.get("details").get("contentSha256").asText().matches("[0-9a-f]{64}"), tombstone.toString());
    }

    @Test
    void bad_searches_and_units_are_refused_naming_the_field() {
        Map<String, Object> vector =
                Map.of("kind", "fact", "source", "s", "content", "c", "embeddingRef", "[0.12, -0.5, 3.25e-2]");
        assertField("embeddingRef", api.post("/api/projects/BF/memory", admin, vector));
        assertField(
                "embeddingRef",
                api.post(
                        "/api/projects/BF/memory",
                        admin,
                        Map.of(
                                "kind",
                                "fact",
                                "source",
                                "s",
                                "content",
                                "c",
                                "embeddingRef",
                                "https://reader:hunter2@vectors.example.com/v/1")));
        assertField(
                "source",
                api.post(
                        "/api/projects/BF/memory",
                        admin,
                        Map.of("kind", "fact", "source", "s".repeat(501), "content", "c")));
        assertField("kind", api.post("/api/projects/BF/memory", admin, Map.of("source", "s", "content", "c")));
        assertField(
                "content",
                api.post(
                        "/api/projects/BF/memory",
                        admin,
                        Map.of("kind", "fact", "source", "s", "content", "x".repeat(50_001))));
        assertField("query", api.post("/api/projects/BF/memory/search", admin, Map.of("query", "the and of")));
        assertField("limit", api.post("/api/projects/BF/memory/search", admin, Map.of("query", "lease", "limit", 0)));
        assertField(
                "runId",
                api.post(
                        "/api/projects/BF/memory/search",
                        admin,
                        Map.of(
                                "query",
                                "lease",
                                "runId",
                                made("/api/projects/OPS/runs", Map.of("scope", "card", "cardId", otherCard)))));
        assertField("scopeId", api.get("/api/projects/BF/memory?scope=card", admin));
        assertEquals(
                0, api.get("/api/projects/BF/memory", admin).json().get("items").size(), "nothing was written");
    }

    void assertField(String field, HttpResult refused) {
        assertEquals(400, refused.status(), refused.body());
        assertEquals(field, refused.json().get("field").asText(), refused.body());
    }
}
