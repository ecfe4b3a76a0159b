package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Projects through the API: created, read, paged and edited; work filed under one needs it to exist. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class ProjectsApiTest {

    @Parameter
    Engine engine;

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    @Test
    void a_project_is_created_read_paged_and_edited_and_conflicts_and_stale_versions_change_nothing() {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();

            HttpResult created = api.post(
                    "/api/projects",
                    admin,
                    Map.of(
                            "key", "BF",
                            "name", "Build Factory",
                            "repoUrl", "https://github.com/acme/factory.git"));
            assertEquals(201, created.status(), created.body());
            assertEquals("/api/projects/BF", created.header("Location"));
            assertEquals("main", created.json().get("defaultBranch").asText());
            assertEquals(0, created.json().get("actionSequence").asLong());
            contract.assertMatches("POST", "/api/projects", created);

            HttpResult taken = api.post("/api/projects", admin, Map.of("key", "BF", "name", "Another"));
            assertEquals(409, taken.status(), taken.body());
            assertEquals("key", taken.json().get("field").asText());
            HttpResult sameName = api.post("/api/projects", admin, Map.of("key", "OPS", "name", "Build Factory"));
            assertEquals(409, sameName.status(), sameName.body());
            assertEquals("name", sameName.json().get("field").asText());
            HttpResult badBranch =
                    api.post("/api/projects", admin, Map.of("key", "OPS", "name", "Ops", "defaultBranch", "a..b"));
            assertEquals(400, badBranch.status(), badBranch.body());
            assertEquals("defaultBranch", badBranch.json().get("field").asText());

            for (String key : List.of("OPS", "AB", "ZZ9")) {
                api.project(admin, key);
            }
            List<String> keys = new ArrayList<>();
            String cursor = null;
            do {
                HttpResult page = api.get("/api/projects?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), admin);
                assertEquals(200, page.status(), page.body());
                contract.assertMatches("GET", "/api/projects", page);
                page.json().get("items").forEach(p -> keys.add(p.get("key").asText()));
                cursor = page.json().get("nextCursor").isNull()
                        ? null
                        : page.json().get("nextCursor").asText();
            } while (cursor != null);
            assertEquals(List.of("AB", "BF", "OPS", "ZZ9"), keys);

            HttpResult edited = api.call(
                    "PATCH",
                    "/api/projects/BF",
                    admin,
                    Map.of("version", 1, "description", "The factory", "repoUrl", ""));
            assertEquals(200, edited.status(), edited.body());
            assertEquals("Build Factory", edited.json().get("name").asText(), "a field left out keeps its value");
            assertTrue(edited.json().get("repoUrl").isNull(), "an empty repoUrl removes the repository");
            assertEquals(2, edited.json().get("version").asLong());
            contract.assertMatches("PATCH", "/api/projects/{key}", edited);

            HttpResult stale =
                    api.call("PATCH", "/api/projects/BF", admin, Map.of("version", 1, "name", "Lost update"));
            assertEquals(409, stale.status(), stale.body());
            HttpResult read = api.get("/api/projects/BF", admin);
            assertEquals(200, read.status(), read.body());
            assertEquals("Build Factory", read.json().get("name").asText(), "the stale edit changed nothing");
            contract.assertMatches("GET", "/api/projects/{key}", read);

            assertEquals(404, api.get("/api/projects/NOPE", admin).status());
            assertEquals(404, api.get("/api/projects/not-a-key", admin).status());
        }
    }

    @Test
    void work_items_conversations_and_policies_need_their_project_to_exist() {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();

            HttpResult item = api.post(
                    "/api/control-plane/items",
                    admin,
                    Map.of("projectKey", "NOPE", "title", "stray", "workType", "chore"));
            assertEquals(400, item.status(), item.body());
            assertEquals("projectKey", item.json().get("field").asText());
            HttpResult conversation =
                    api.post("/api/conversations", admin, Map.of("title", "stray", "projectKey", "NOPE"));
            assertEquals(400, conversation.status(), conversation.body());
            assertEquals("projectKey", conversation.json().get("field").asText());
            HttpResult policy = api.call(
                    "PUT", "/api/control-plane/projects/NOPE/policy", admin, Map.of("version", 0, "gates", Map.of()));
            assertEquals(404, policy.status(), policy.body());

            api.project(admin, "NOPE");
            assertEquals(
                    201,
                    api.post(
                                    "/api/control-plane/items",
                                    admin,
                                    Map.of("projectKey", "NOPE", "title", "filed", "workType", "chore"))
                            .status());
            HttpResult items = api.get("/api/control-plane/items?project=NOPE", admin);
            assertEquals(1, items.json().get("items").size(), "only the item filed after the project exists");
        }
    }

    @Test
    void a_role_in_one_project_opens_that_project_and_nothing_else_until_it_is_taken_away() {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();
            api.project(admin, "BF");
            api.project(admin, "OPS");
            String bfItem = item(api, admin, "BF");
            String opsItem = item(api, admin, "OPS");
            api.post("/api/roles", admin, Map.of("name", "nothing"));
            String mia = api.createHuman(admin, "mia@example.com", "mia-password-1", "nothing");
            String token = api.logIn("mia@example.com", "mia-password-1");

            assertEquals(
                    404, api.get("/api/control-plane/items/" + bfItem, token).status(), "a stranger to BF");
            assertEquals(403, api.get("/api/control-plane/items", token).status(), "reads work items nowhere");
            assertEquals(0, api.get("/api/projects", token).json().get("items").size());

            String maintainer = api.roleId(admin, "maintainer");
            HttpResult given = api.post("/api/projects/BF/members", admin, Map.of("userId", mia, "roleId", maintainer));
            assertEquals(201, given.status(), given.body());
            contract.assertMatches("POST", "/api/projects/{key}/members", given);
            assertEquals(
                    409,
                    api.post("/api/projects/BF/members", admin, Map.of("userId", mia, "roleId", maintainer))
                            .status());

            assertEquals(
                    200, api.get("/api/control-plane/items/" + bfItem, token).status(), "on her next request");
            HttpResult moved = api.post("/api/control-plane/items/" + bfItem + "/actions/mark-ready", token, null);
            assertEquals(200, moved.status(), moved.body());
            assertEquals(
                    404, api.get("/api/control-plane/items/" + opsItem, token).status(), "still a stranger to OPS");
            assertEquals(
                    404,
                    api.post("/api/control-plane/items/" + opsItem + "/actions/mark-ready", token, null)
                            .status());
            HttpResult list = api.get("/api/control-plane/items", token);
            assertEquals(1, list.json().get("items").size(), list.body());
            assertEquals(bfItem, list.json().get("items").get(0).get("key").asText());
            assertEquals(
                    "BF",
                    api.get("/api/projects", token)
                            .json()
                            .get("items")
                            .get(0)
                            .get("key")
                            .asText());
            HttpResult roster = api.get("/api/projects/BF/members", token);
            assertEquals(200, roster.status(), roster.body());
            contract.assertMatches("GET", "/api/projects/{key}/members", roster);
            assertEquals(mia, roster.json().get("items").get(0).get("userId").asText());
            assertEquals(
                    403,
                    api.post("/api/projects/BF/members", token, Map.of("userId", mia, "roleId", maintainer))
                            .status(),
                    "a maintainer in BF does not hand out roles");

            HttpResult taken =
                    api.call("DELETE", "/api/projects/BF/members/" + mia + "/roles/" + maintainer, admin, null);
            assertEquals(204, taken.status(), taken.body());
            assertEquals(
                    404, api.get("/api/control-plane/items/" + bfItem, token).status(), "gone on the next request");
            assertEquals(
                    404,
                    api.call("DELETE", "/api/projects/BF/members/" + mia + "/roles/" + maintainer, admin, null)
                            .status());
        }
    }

    private static String item(Api api, String admin, String project) {
        return api.post(
                        "/api/control-plane/items",
                        admin,
                        Map.of("projectKey", project, "title", "in " + project, "workType", "chore"))
                .json()
                .get("key")
                .asText();
    }
}
