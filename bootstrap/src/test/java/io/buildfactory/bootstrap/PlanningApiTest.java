package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** A project's plan through the API: built, read in one answer, changed safely by retrying agents. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class PlanningApiTest {

    @Parameter
    Engine engine;

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    TestDatabase db;
    RunningApp app;
    Api api;
    String admin;

    @BeforeEach
    void start() {
        db = TestDatabase.empty(engine);
        app = RunningApp.start(Api.withAdmin(db.databaseUrl()));
        api = new Api(app.port());
        admin = api.admin();
        api.project(admin, "BF");
        api.project(admin, "OPS");
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    HttpResult created(String route, String path, Map<String, ?> body, String... headers) {
        HttpResult r = api.call("POST", path, admin, body, headers);
        assertEquals(201, r.status(), path + ": " + r.body());
        contract.assertMatches("POST", route, r);
        return r;
    }

    String id(HttpResult r) {
        return r.json().get("id").asText();
    }

    long sequence(String key) {
        return api.get("/api/projects/" + key, admin)
                .json()
                .get("actionSequence")
                .asLong();
    }

    @Test
    void a_plan_is_built_read_in_one_answer_changed_under_versions_and_deleted_with_what_hangs_on_it() {
        String workflow = id(created(
                "/api/projects/{key}/workflows",
                "/api/projects/BF/workflows",
                Map.of("name", "Delivery", "description", "from idea to release")));
        HttpResult read = api.get("/api/workflows/" + workflow, admin);
        assertEquals(
                api.get("/api/projects/BF/planning-actions", admin)
                        .json()
                        .get("items")
                        .get(0)
                        .get("result")
                        .get("createdAt")
                        .asText(),
                read.json().get("workflow").get("createdAt").asText(),
                "what the action answered is what is stored, to the microsecond");
        String todo = id(created(
                "/api/workflows/{id}/activities",
                "/api/workflows/" + workflow + "/activities",
                Map.of("name", "To do")));
        String doing = id(created(
                "/api/workflows/{id}/activities",
                "/api/workflows/" + workflow + "/activities",
                Map.of("name", "Doing", "color", "#1F6FEB")));
        HttpResult cardCreated = created(
                "/api/activities/{id}/cards",
                "/api/activities/" + todo + "/cards",
                Map.of("title", "CSV export 📦", "priority", "high"));
        String card = id(cardCreated);
        assertEquals("backlog", cardCreated.json().get("status").asText());
        assertEquals("not-started", cardCreated.json().get("buildState").asText());
        created(
                "/api/cards/{id}/knowledge",
                "/api/cards/" + card + "/knowledge",
                Map.of("kind", "requirement", "text", "exports every column"));
        created(
                "/api/cards/{id}/knowledge",
                "/api/cards/" + card + "/knowledge",
                Map.of("kind", "known-fact", "text", "users use Excel", "confidence", 80, "source", "survey"));
        HttpResult question = created(
                "/api/cards/{id}/knowledge",
                "/api/cards/" + card + "/knowledge",
                Map.of("kind", "question", "text", "which encoding?"));
        assertEquals("open", question.json().get("status").asText());
        created(
                "/api/cards/{id}/planned-files",
                "/api/cards/" + card + "/planned-files",
                Map.of(
                        "logicalPath", "src/main/java/Export.java",
                        "artifactKind", "source",
                        "action", "create",
                        "intentSummary", "the exporter"));
        String spec = id(created(
                "/api/projects/{key}/artifacts",
                "/api/projects/BF/artifacts",
                Map.of("type", "specification", "title", "Export spec", "uri", "https://example.com/spec")));
        HttpResult linked = api.call("PUT", "/api/cards/" + card + "/artifacts/" + spec, admin, null);
        assertEquals(201, linked.status(), linked.body());
        contract.assertMatches("PUT", "/api/cards/{id}/artifacts/{artifactId}", linked);

        HttpResult page = api.get("/api/cards/" + card, admin);
        assertEquals(200, page.status(), page.body());
        contract.assertMatches("GET", "/api/cards/{id}", page);
        assertEquals(
                List.of("requirement", "known-fact", "question"),
                texts(page.json().get("knowledge"), "kind"));
        assertEquals(1, page.json().get("plannedFiles").size());
        assertEquals(spec, page.json().get("artifacts").get(0).get("id").asText());

        HttpResult answered = api.call(
                "PATCH", "/api/knowledge/" + id(question), admin, Map.of("version", 1, "answer", "UTF-8 with a BOM"));
        assertEquals(200, answered.status(), answered.body());
        assertEquals("answered", answered.json().get("status").asText(), "an answer answers the question");
        HttpResult stale = api.call("PATCH", "/api/cards/" + card, admin, Map.of("version", 1, "title", "x"));
        assertEquals(200, stale.status(), stale.body());
        HttpResult again = api.call("PATCH", "/api/cards/" + card, admin, Map.of("version", 1, "title", "y"));
        assertEquals(409, again.status(), again.body());
        assertEquals("/problems/stale-version", again.json().get("type").asText());

        HttpResult moved = api.post("/api/cards/" + card + "/move", admin, Map.of("activityId", doing));
        assertEquals(200, moved.status(), moved.body());
        assertEquals(doing, moved.json().get("activityId").asText());
        HttpResult elsewhere = api.post(
                "/api/cards/" + card + "/move",
                admin,
                Map.of(
                        "activityId",
                        id(created(
                                "/api/workflows/{id}/activities",
                                "/api/workflows/"
                                        + id(created(
                                                "/api/projects/{key}/workflows",
                                                "/api/projects/OPS/workflows",
                                                Map.of("name", "Ops")))
                                        + "/activities",
                                Map.of("name", "Elsewhere")))));
        assertEquals(400, elsewhere.status(), elsewhere.body());
        assertEquals("activityId", elsewhere.json().get("field").asText(), "a card stays in its project");

        HttpResult noVersion = api.call("DELETE", "/api/workflows/" + workflow, admin, null);
        assertEquals(400, noVersion.status(), noVersion.body());
        assertEquals("version", noVersion.json().get("field").asText());
        assertEquals(
                204,
                api.call("DELETE", "/api/workflows/" + workflow + "?version=1", admin, null)
                        .status());
        assertEquals(404, api.get("/api/cards/" + card, admin).status(), "the card went with its workflow");
        assertEquals(404, api.get("/api/activities/" + doing, admin).status());
        assertEquals(200, api.get("/api/artifacts/" + spec, admin).status(), "the artifact stays");
    }

    @Test
    void a_retried_action_answers_as_the_first_time_and_applies_once_and_a_reused_key_is_refused() {
        String workflow =
                id(created("/api/projects/{key}/workflows", "/api/projects/BF/workflows", Map.of("name", "Delivery")));
        long before = sequence("BF");
        Map<String, Object> body = Map.of("name", "Build");
        HttpResult first = created(
                "/api/workflows/{id}/activities",
                "/api/workflows/" + workflow + "/activities",
                body,
                "Idempotency-Key",
                "agent-7-step-1");
        HttpResult replay = api.call(
                "POST", "/api/workflows/" + workflow + "/activities", admin, body, "Idempotency-Key", "agent-7-step-1");
        assertEquals(201, replay.status());
        assertEquals(first.body(), replay.body(), "byte for byte the first answer");
        assertEquals("true", replay.header("Idempotent-Replayed"));
        assertEquals(first.header("Planning-Sequence"), replay.header("Planning-Sequence"));
        assertEquals(before + 1, sequence("BF"), "applied once");
        assertEquals(
                1,
                api.get("/api/workflows/" + workflow, admin)
                        .json()
                        .get("activities")
                        .size());

        HttpResult reused = api.call(
                "POST",
                "/api/workflows/" + workflow + "/activities",
                admin,
                Map.of("name", "Something else"),
                "Idempotency-Key",
                "agent-7-step-1");
        assertEquals(422, reused.status(), reused.body());
        assertEquals(
                "/problems/idempotency-key-reused", reused.json().get("type").asText());
        assertEquals("Idempotency-Key", reused.json().get("field").asText());
        assertEquals(before + 1, sequence("BF"));

        String activity = id(first);
        HttpResult deleted = api.call(
                "DELETE", "/api/activities/" + activity + "?version=1", admin, null, "Idempotency-Key", "del-1");
        assertEquals(204, deleted.status(), deleted.body());
        HttpResult deletedAgain = api.call(
                "DELETE", "/api/activities/" + activity + "?version=1", admin, null, "Idempotency-Key", "del-1");
        assertEquals(204, deletedAgain.status(), "a deletion retried is answered as the first: " + deletedAgain.body());
        assertEquals("true", deletedAgain.header("Idempotent-Replayed"));
        assertEquals(
                404,
                api.call("DELETE", "/api/activities/" + activity + "?version=1", admin, null)
                        .status(),
                "without its key it is a new request, for something gone");
        HttpResult badKey = api.call(
                "POST", "/api/workflows/" + workflow + "/activities", admin, body, "Idempotency-Key", "with space");
        assertEquals(400, badKey.status());
        assertEquals("Idempotency-Key", badKey.json().get("field").asText());
    }

    @Test
    void a_caller_behind_the_project_is_refused_with_the_current_sequence_and_catches_up_from_the_log() {
        long start = sequence("BF");
        String workflow = id(created(
                "/api/projects/{key}/workflows",
                "/api/projects/BF/workflows",
                Map.of("name", "A"),
                "If-Match",
                Long.toString(start)));
        HttpResult behind = api.call(
                "POST", "/api/projects/BF/workflows", admin, Map.of("name", "B"), "If-Match", "\"" + start + "\"");
        assertEquals(409, behind.status(), behind.body());
        assertEquals("/problems/stale-sequence", behind.json().get("type").asText());
        assertEquals(start + 1, behind.json().get("currentSequence").asLong());
        HttpResult inBody = api.call(
                "PATCH", "/api/workflows/" + workflow, admin, Map.of("version", 1, "name", "B", "expectedSequence", 0));
        assertEquals(409, inBody.status(), inBody.body());
        assertEquals(
                1,
                api.get("/api/projects/BF/workflows", admin).json().get("items").size(),
                "nothing was applied");

        HttpResult log = api.get("/api/projects/BF/planning-actions?after=" + start, admin);
        assertEquals(200, log.status(), log.body());
        contract.assertMatches("GET", "/api/projects/{key}/planning-actions", log);
        assertEquals(1, log.json().get("items").size());
        JsonNode action = log.json().get("items").get(0);
        assertEquals("workflow.create", action.get("type").asText());
        assertEquals(workflow, action.get("result").get("id").asText());
        assertEquals(start + 1, log.json().get("last").asLong());

        HttpResult caughtUp = api.call(
                "POST",
                "/api/projects/BF/workflows",
                admin,
                Map.of("name", "B"),
                "If-Match",
                Long.toString(log.json().get("last").asLong()));
        assertEquals(201, caughtUp.status(), caughtUp.body());
        assertEquals(Long.toString(start + 2), caughtUp.header("Planning-Sequence"));

        HttpResult audit = api.get("/api/audit/events?actionPrefix=planning.action", admin);
        assertEquals(2, audit.json().get("items").size(), "one audit entry per applied action: " + audit.body());
        HttpResult badIfMatch =
                api.call("POST", "/api/projects/BF/workflows", admin, Map.of("name", "C"), "If-Match", "*");
        assertEquals(400, badIfMatch.status());
        assertEquals("If-Match", badIfMatch.json().get("field").asText());
    }

    @Test
    void a_member_of_one_project_plans_there_and_is_a_stranger_in_another() {
        String person = api.createHuman(admin, "planner@example.com", "planner-passphrase-1");
        String contributor = api.roleId(admin, "contributor");
        assertEquals(
                201,
                api.post("/api/projects/BF/members", admin, Map.of("userId", person, "roleId", contributor))
                        .status());
        String planner = api.logIn("planner@example.com", "planner-passphrase-1");
        String opsWorkflow =
                id(created("/api/projects/{key}/workflows", "/api/projects/OPS/workflows", Map.of("name", "Ops")));

        HttpResult mine = api.post("/api/projects/BF/workflows", planner, Map.of("name", "Mine"));
        assertEquals(201, mine.status(), mine.body());
        assertEquals(
                404,
                api.post("/api/projects/OPS/workflows", planner, Map.of("name", "x"))
                        .status());
        assertEquals(404, api.get("/api/workflows/" + opsWorkflow, planner).status());
        assertEquals(
                404,
                api.call("PATCH", "/api/workflows/" + opsWorkflow, planner, Map.of("version", 1, "name", "x"))
                        .status());
        assertEquals(404, api.get("/api/projects/OPS/planning-actions", planner).status());
        HttpResult profile = api.call(
                "PUT",
                "/api/projects/BF/policy-profile",
                planner,
                Map.of("version", 0, "requiredChecks", List.of("ci")));
        assertEquals(403, profile.status(), "a contributor plans but does not set the policy: " + profile.body());
        assertEquals(
                "factory.planning.manage-policy",
                profile.json().get("permission").asText());

        HttpResult set = api.call(
                "PUT",
                "/api/projects/BF/policy-profile",
                admin,
                Map.of(
                        "version", 0,
                        "requiredChecks", List.of("ci/build", "ci/test"),
                        "forbiddenPaths", List.of(".github/**")));
        assertEquals(200, set.status(), set.body());
        contract.assertMatches("PUT", "/api/projects/{key}/policy-profile", set);
        HttpResult read = api.get("/api/projects/BF/policy-profile", planner);
        assertEquals(200, read.status());
        assertEquals(List.of("ci/build", "ci/test"), texts(read.json().get("requiredChecks"), null));
        assertEquals(1, read.json().get("version").asLong());
        HttpResult duplicateCheck = api.call(
                "PUT",
                "/api/projects/BF/policy-profile",
                admin,
                Map.of("version", 1, "requiredChecks", List.of("a", "a")));
        assertEquals(400, duplicateCheck.status());
        assertEquals("requiredChecks", duplicateCheck.json().get("field").asText());
    }

    @Test
    void the_database_rules_come_back_as_problems_naming_the_field() {
        String workflow =
                id(created("/api/projects/{key}/workflows", "/api/projects/BF/workflows", Map.of("name", "Delivery")));
        String activity = id(created(
                "/api/workflows/{id}/activities", "/api/workflows/" + workflow + "/activities", Map.of("name", "A")));
        String card = id(
                created("/api/activities/{id}/cards", "/api/activities/" + activity + "/cards", Map.of("title", "C")));
        Map<String, Object> file =
                Map.of("logicalPath", "src/A.java", "artifactKind", "source", "action", "modify", "intentSummary", "a");
        created("/api/cards/{id}/planned-files", "/api/cards/" + card + "/planned-files", file);
        List<String[]> refusals = new ArrayList<>();
        refusals.add(
                new String[] {problem(api.post("/api/cards/" + card + "/planned-files", admin, file)), "409 logicalPath"
                });
        refusals.add(new String[] {
            problem(api.post(
                    "/api/cards/" + card + "/planned-files",
                    admin,
                    Map.of(
                            "logicalPath",
                            "../etc/passwd",
                            "artifactKind",
                            "source",
                            "action",
                            "modify",
                            "intentSummary",
                            "a"))),
            "400 logicalPath"
        });
        refusals.add(new String[] {
            problem(api.post("/api/projects/BF/artifacts", admin, Map.of("type", "document", "title", "empty"))),
            "400 content"
        });
        refusals.add(new String[] {
            problem(api.post(
                    "/api/cards/" + card + "/knowledge",
                    admin,
                    Map.of("kind", "requirement", "text", "x", "confidence", 50))),
            "400 confidence"
        });
        refusals.add(new String[] {
            problem(api.post(
                    "/api/cards/" + card + "/knowledge",
                    admin,
                    Map.of("kind", "question", "text", "x", "status", "answered"))),
            "400 answer"
        });
        refusals.add(new String[] {
            problem(api.post("/api/workflows/" + workflow + "/activities", admin, Map.of("name", "A", "color", "red"))),
            "400 color"
        });
        refusals.add(new String[] {
            problem(api.post("/api/cards/" + card + "/move", admin, Map.of("after", card))), "400 after"
        });
        refusals.add(new String[] {
            problem(api.post("/api/activities/" + activity + "/cards", admin, Map.of("title", "x", "status", "doing"))),
            "400 status"
        });
        refusals.add(new String[] {
            problem(api.call(
                    "PUT",
                    "/api/projects/BF/policy-profile",
                    admin,
                    "{\"version\":0,\"requiredChecks\":[\"ci\",null]}")),
            "400 requiredChecks[1]"
        });
        refusals.add(new String[] {
            problem(api.call("POST", "/api/projects/BF/workflows", admin, "{\"name\":\"half \\ud800 a pair\"}")),
            "400 name"
        });
        for (String[] r : refusals) {
            assertEquals(r[1], r[0]);
        }
        assertEquals(
                1,
                api.get("/api/cards/" + card, admin).json().get("plannedFiles").size(),
                "the refusals stored nothing");
        assertEquals(
                0,
                api.get("/api/projects/BF/artifacts", admin).json().get("items").size());
    }

    @Test
    void a_work_item_links_to_the_card_it_came_from_in_its_own_project() {
        String card = id(created(
                "/api/activities/{id}/cards",
                "/api/activities/"
                        + id(created(
                                "/api/workflows/{id}/activities",
                                "/api/workflows/"
                                        + id(created(
                                                "/api/projects/{key}/workflows",
                                                "/api/projects/BF/workflows",
                                                Map.of("name", "W")))
                                        + "/activities",
                                Map.of("name", "A")))
                        + "/cards",
                Map.of("title", "C")));
        String item = api.post(
                        "/api/control-plane/items",
                        admin,
                        Map.of("projectKey", "BF", "title", "from a card", "workType", "feature"))
                .json()
                .get("key")
                .asText();
        String other = api.post(
                        "/api/control-plane/items",
                        admin,
                        Map.of("projectKey", "OPS", "title", "elsewhere", "workType", "chore"))
                .json()
                .get("key")
                .asText();
        String path = "/api/control-plane/items/" + item + "/card";
        HttpResult none = api.get(path, admin);
        assertEquals(200, none.status(), none.body());
        assertTrue(none.json().get("cardId").isNull());
        HttpResult linked = api.call("PUT", path, admin, Map.of("cardId", card));
        assertEquals(200, linked.status(), linked.body());
        contract.assertMatches("PUT", "/api/control-plane/items/{id}/card", linked);
        assertEquals(card, api.get(path, admin).json().get("cardId").asText());
        HttpResult wrongProject =
                api.call("PUT", "/api/control-plane/items/" + other + "/card", admin, Map.of("cardId", card));
        assertEquals(400, wrongProject.status(), wrongProject.body());
        assertEquals("cardId", wrongProject.json().get("field").asText());
        assertEquals(
                200,
                api.call("PATCH", "/api/control-plane/items/" + item, admin, Map.of("version", 1, "title", "renamed"))
                        .status());
        assertEquals(card, api.get(path, admin).json().get("cardId").asText(), "an edit keeps the link");
        assertEquals(
                204,
                api.call("DELETE", "/api/cards/" + card + "?version=1", admin, null)
                        .status());
        assertTrue(api.get(path, admin).json().get("cardId").isNull(), "the card's deletion unlinks the item");
        assertEquals(
                1,
                api.get("/api/audit/events?actionPrefix=work-item.link-card", admin)
                        .json()
                        .get("items")
                        .size());
    }

    private static String problem(HttpResult r) {
        assertTrue(r.contentType().startsWith("application/problem+json"), r.body());
        return r.status() + " " + r.json().path("field").asText();
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(field == null ? n.asText() : n.get(field).asText()));
        return out;
    }
}
