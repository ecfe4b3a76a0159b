package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL database, each with its own pool and its own caches: whatever server A revokes,
 * server B refuses on the very next request, and whatever A changes on a work item's page, B shows, although B
 * served the credential or the page from memory a moment before. Each case runs many times, because what it
 * guards against is a race between A's answer and B hearing of the change.
 */
class TwoServersRevocationTest {

    static final int ROUNDS = 12;
    static final String PASSWORD = "two-servers-passphrase";

    TestDatabase db;
    RunningApp serverA;
    RunningApp serverB;
    Api a;
    Api b;
    String admin;
    String auditor;

    @BeforeEach
    void start() {
        db = TestDatabase.empty(Engine.POSTGRESQL);
        serverA = RunningApp.start(Api.withAdmin(db.databaseUrl()));
        serverB = RunningApp.start(Api.withAdmin(db.databaseUrl()));
        a = new Api(serverA.port());
        b = new Api(serverB.port());
        admin = a.admin();
        HttpResult role = a.post(
                "/api/roles",
                admin,
                Map.of(
                        "name",
                        "auditor",
                        "description",
                        "reads the log",
                        "permissions",
                        List.of("factory.audit.read")));
        assertEquals(201, role.status(), role.body());
        auditor = role.json().get("id").asText();
    }

    @AfterEach
    void stop() {
        serverB.close();
        serverA.close();
        db.close();
    }

    @Test
    void a_session_made_on_one_server_works_on_the_other_and_ends_on_both_at_logout() {
        for (int round = 0; round < ROUNDS; round++) {
            String email = "logout" + round + "@example.com";
            a.createHuman(admin, email, PASSWORD, "contributor");
            String token = a.logIn(email, PASSWORD);
            assertServedBy(b, token, 200, "a session made on A, used on B");
            assertEquals(204, a.post("/api/auth/logout", token, null).status());
            assertServedBy(b, token, 401, "round " + round + ": logged out on A, refused on B");
        }
    }

    @Test
    void a_password_change_or_a_disabled_user_on_one_server_ends_the_sessions_on_the_other() {
        for (int round = 0; round < ROUNDS; round++) {
            String email = "pass" + round + "@example.com";
            String id = a.createHuman(admin, email, PASSWORD, "contributor");
            String changing = a.logIn(email, PASSWORD);
            String other = a.logIn(email, PASSWORD);
            assertServedBy(b, other, 200, "warm on B");
            assertEquals(
                    204,
                    a.post(
                                    "/api/auth/password",
                                    changing,
                                    Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD + "-new"))
                            .status());
            assertServedBy(b, other, 401, "round " + round + ": password changed on A, the other session on B");
            assertServedBy(b, changing, 200, "the session that changed it lives on, on B too");

            long version =
                    a.get("/api/users/" + id, admin).json().get("version").asLong();
            HttpResult disabled =
                    a.call("PATCH", "/api/users/" + id, admin, Map.of("version", version, "status", "disabled"));
            assertEquals(200, disabled.status(), disabled.body());
            assertServedBy(b, changing, 401, "round " + round + ": disabled on A, refused on B");
        }
    }

    @Test
    void a_permission_or_role_taken_away_on_one_server_is_refused_on_the_other() {
        for (int round = 0; round < ROUNDS; round++) {
            String email = "aud" + round + "@example.com";
            String id = a.createHuman(admin, email, PASSWORD, "auditor");
            String token = a.logIn(email, PASSWORD);
            assertEquals(200, b.get("/api/audit/events?limit=1", token).status(), "warm on B");

            assertEquals(
                    200,
                    a.call("DELETE", "/api/roles/" + auditor + "/permissions/factory.audit.read", admin, null)
                            .status());
            assertEquals(
                    403,
                    b.get("/api/audit/events?limit=1", token).status(),
                    "round " + round + ": permission revoked on A, refused on B");
            assertEquals(
                    200,
                    a.post("/api/roles/" + auditor + "/permissions", admin, Map.of("permission", "factory.audit.read"))
                            .status());
            assertEquals(
                    200,
                    b.get("/api/audit/events?limit=1", token).status(),
                    "round " + round + ": granted again on A, allowed on B");

            assertEquals(
                    200,
                    a.call("DELETE", "/api/users/" + id + "/roles/" + auditor, admin, null)
                            .status());
            assertServedBy(b, token, 401, "round " + round + ": role removed on A, its sessions refused on B");
        }
    }

    @Test
    void an_api_token_revoked_on_one_server_is_refused_on_the_other() {
        String agent = a.createAgent(admin, "builder@agents.example.com", "agent");
        for (int round = 0; round < ROUNDS; round++) {
            HttpResult issued = a.post("/api/users/" + agent + "/tokens", admin, Map.of("name", "ci-" + round));
            assertEquals(201, issued.status(), issued.body());
            String token = issued.json().get("token").asText();
            assertServedBy(b, token, 200, "warm on B");
            assertEquals(
                    204,
                    a.call(
                                    "DELETE",
                                    "/api/users/" + agent + "/tokens/"
                                            + issued.json()
                                                    .get("details")
                                                    .get("id")
                                                    .asText(),
                                    admin,
                                    null)
                            .status());
            assertServedBy(b, token, 401, "round " + round + ": token revoked on A, refused on B");
        }
    }

    @Test
    void a_project_role_taken_away_on_one_server_hides_the_project_on_the_other() {
        a.project(admin, "BF");
        String item = "/api/control-plane/items/"
                + a.post(
                                "/api/control-plane/items",
                                admin,
                                Map.of("projectKey", "BF", "title", "Shared item", "workType", "feature"))
                        .json()
                        .get("key")
                        .asText();
        String contributor = a.roleId(admin, "contributor");
        for (int round = 0; round < ROUNDS; round++) {
            String email = "member" + round + "@example.com";
            String id = a.createHuman(admin, email, PASSWORD);
            String token = a.logIn(email, PASSWORD);
            assertEquals(404, b.get(item, token).status(), "round " + round + ": no role in BF, no item");
            assertEquals(
                    201,
                    a.post("/api/projects/BF/members", admin, Map.of("userId", id, "roleId", contributor))
                            .status());
            assertEquals(200, b.get(item, token).status(), "round " + round + ": a member on A, served by B");
            assertEquals(200, b.get(item, token).status(), "(from memory)");
            assertEquals(
                    204,
                    a.call("DELETE", "/api/projects/BF/members/" + id + "/roles/" + contributor, admin, null)
                            .status());
            assertEquals(404, b.get(item, token).status(), "round " + round + ": the role removed on A, hidden on B");
        }
    }

    @Test
    void a_work_item_moved_on_one_server_shows_its_new_lane_on_the_other_at_once() {
        a.project(admin, "BF");
        for (int round = 0; round < ROUNDS; round++) {
            String item = "/api/control-plane/items/"
                    + a.post(
                                    "/api/control-plane/items",
                                    admin,
                                    Map.of("projectKey", "BF", "title", "Item " + round, "workType", "feature"))
                            .json()
                            .get("key")
                            .asText();
            for (String action : List.of("mark-ready", "start-execution")) {
                HttpResult page = b.get(item, admin);
                assertEquals(200, page.status(), page.body());
                assertEquals(200, b.get(item, admin).status(), "(from memory)");
                HttpResult moved = a.post(item + "/actions/" + action, admin, null);
                assertEquals(200, moved.status(), action + ": " + moved.body());
                assertEquals(
                        moved.json().get("item").get("lane").asText(),
                        b.get(item, admin).json().get("item").get("lane").asText(),
                        "round " + round + ": " + action + " on A, the page on B");
            }
        }
    }

    /**
     * {@code GET /api/projects} on {@code server}: a page that needs only who the caller is, so an allowed call
     * leaves the credential in that server's memory and a refused one shows the memory was not trusted. Allowed
     * calls are made twice, so the second is served from memory.
     */
    private static void assertServedBy(Api server, String token, int status, String why) {
        assertEquals(status, server.get("/api/projects", token).status(), why);
        if (status == 200) {
            assertEquals(200, server.get("/api/projects", token).status(), why + " (from memory)");
        }
    }
}
