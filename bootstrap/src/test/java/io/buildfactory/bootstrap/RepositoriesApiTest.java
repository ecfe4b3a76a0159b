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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Repositories and their single-writer lease through the API, with a clock the test moves across the 72 hours. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class RepositoriesApiTest {

    @Parameter
    Engine engine;

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    final RunsApiTest.MovingClock clock = new RunsApiTest.MovingClock();
    TestDatabase db;
    RunningApp app;
    Api api;
    String admin;

    @BeforeEach
    void start() {
        db = TestDatabase.empty(engine);
        app = RunningApp.start(Api.withAdmin(db.databaseUrl()), clock);
        api = new Api(app.port());
        admin = api.admin();
        api.project(admin, "BF");
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    String agent(String name) {
        return api.issueToken(admin, api.createAgent(admin, name + "@agents.example.com", "agent"));
    }

    @Test
    void one_writer_at_a_time_its_token_fences_every_write_and_the_lease_ends_only_by_release_or_time() {
        HttpResult created = api.post(
                "/api/projects/BF/repositories",
                admin,
                Map.of("name", "factory", "storageLocation", "file:///srv/git/factory.git"));
        assertEquals(201, created.status(), created.body());
        contract.assertMatches("POST", "/api/projects/{key}/repositories", created);
        assertEquals("main", created.json().get("defaultBranch").asText());
        String repo = created.json().get("id").asText();
        assertEquals(
                409,
                api.post("/api/projects/BF/repositories", admin, Map.of("name", "factory", "storageLocation", "x"))
                        .status(),
                "a name once per project");

        String alice = agent("alice");
        String bob = agent("bob");
        HttpResult granted = api.post("/api/repositories/" + repo + "/lease", alice, null);
        assertEquals(201, granted.status(), granted.body());
        contract.assertMatches("POST", "/api/repositories/{id}/lease", granted);
        assertEquals(1, granted.json().get("fencingToken").asLong());
        HttpResult held = api.post("/api/repositories/" + repo + "/lease", bob, null);
        assertEquals(409, held.status(), held.body());
        assertTrue(
                held.json()
                        .get("detail")
                        .asText()
                        .contains(granted.json().get("holder").asText()),
                held.body());
        assertTrue(
                held.json()
                        .get("detail")
                        .asText()
                        .contains(granted.json().get("expiresAt").asText()),
                held.body());

        HttpResult stale = api.call(
                "PATCH",
                "/api/repositories/" + repo,
                bob,
                Map.of("visibility", "public", "version", 1, "fencingToken", 1));
        assertEquals(409, stale.status(), "bob does not hold it, whatever token he sends: " + stale.body());
        HttpResult changed = api.call(
                "PATCH",
                "/api/repositories/" + repo,
                alice,
                Map.of("visibility", "public", "version", 1, "fencingToken", 1));
        assertEquals(200, changed.status(), changed.body());
        contract.assertMatches("PATCH", "/api/repositories/{id}", changed);
        assertEquals("public", changed.json().get("visibility").asText());

        clock.advance(Duration.ofHours(72).minusSeconds(1));
        assertEquals(
                409, api.post("/api/repositories/" + repo + "/lease", bob, null).status(), "held at 71:59:59");
        HttpResult state = api.get("/api/repositories/" + repo + "/lease", bob);
        contract.assertMatches("GET", "/api/repositories/{id}/lease", state);
        assertEquals("held", state.json().get("state").asText());
        clock.advance(Duration.ofSeconds(1));
        admin = api.admin(); // three days on, the old session is long gone (agents' tokens are not)
        HttpResult next = api.post("/api/repositories/" + repo + "/lease", bob, null);
        assertEquals(201, next.status(), "free at 72:00:00: " + next.body());
        assertEquals(2, next.json().get("fencingToken").asLong(), "the next grant, the next token");

        HttpResult late = api.call(
                "PATCH",
                "/api/repositories/" + repo,
                alice,
                Map.of("visibility", "private", "version", 2, "fencingToken", 1));
        assertEquals(409, late.status(), "alice's grant is over: her token is fenced off");
        assertEquals("/problems/stale-fencing-token", late.json().get("type").asText(), late.body());
        assertTrue(late.json().get("lease").has("holder"), late.body());
        assertTrue(!late.json().get("lease").has("fencingToken"), "a stale writer never learns the current token");
        assertEquals(
                409,
                api.call("DELETE", "/api/repositories/" + repo + "/lease?token=1", alice, null)
                        .status(),
                "and she cannot release bob's");
        assertEquals(
                204,
                api.call("DELETE", "/api/repositories/" + repo + "/lease?token=2", bob, null)
                        .status());
        JsonNode free = api.get("/api/repositories/" + repo + "/lease", admin).json();
        assertEquals("free", free.get("state").asText());
        assertEquals(2, free.get("lastToken").asLong());

        JsonNode refusals = api.get("/api/audit/events?actionPrefix=lease.acquire&outcome=denied", admin)
                .json()
                .get("items");
        assertEquals(2, refusals.size(), "each refused acquire is audited: " + refusals);
        assertEquals("lease-held", refusals.get(0).get("details").get("rule").asText());
        HttpResult listed = api.get("/api/projects/BF/repositories", admin);
        contract.assertMatches("GET", "/api/projects/{key}/repositories", listed);
        contract.assertMatches("GET", "/api/repositories/{id}", api.get("/api/repositories/" + repo, admin));
        contract.assertMatches(
                "DELETE",
                "/api/repositories/{id}/lease",
                api.call("DELETE", "/api/repositories/" + repo + "/lease?token=2", bob, null));
    }

    String repository(String name) {
        return api.post("/api/projects/BF/repositories", admin, Map.of("name", name, "storageLocation", "s3://" + name))
                .json()
                .get("id")
                .asText();
    }

    long lease(String repo, String who) {
        HttpResult granted = api.post("/api/repositories/" + repo + "/lease", who, null);
        assertEquals(201, granted.status(), granted.body());
        return granted.json().get("fencingToken").asLong();
    }

    @Test
    void objects_and_relationships_are_written_under_the_lease_and_depends_on_never_closes_a_cycle() {
        String a = repository("a");
        String b = repository("b");
        String c = repository("c");
        String agent = agent("writer");
        long token = lease(a, agent);
        String oid = "ab".repeat(32);
        Map<String, Object> object = Map.of(
                "size",
                2048,
                "contentType",
                "application/octet-stream",
                "storageKey",
                "objects/ab",
                "fencingToken",
                token);
        HttpResult put = api.call("PUT", "/api/repositories/" + a + "/objects/" + oid.toUpperCase(), agent, object);
        assertEquals(201, put.status(), put.body());
        contract.assertMatches("PUT", "/api/repositories/{id}/objects/{oid}", put);
        assertEquals(oid, put.json().get("oid").asText(), "kept in lower case");
        assertEquals(
                200,
                api.call("PUT", "/api/repositories/" + a + "/objects/" + oid, agent, object)
                        .status(),
                "a repeat");
        HttpResult other = api.call(
                "PUT",
                "/api/repositories/" + a + "/objects/" + oid,
                agent,
                Map.of("size", 1, "contentType", "text/plain", "storageKey", "x", "fencingToken", token));
        assertEquals(409, other.status(), "other metadata for a known object: " + other.body());
        HttpResult fenced = api.call(
                "PUT",
                "/api/repositories/" + a + "/objects/" + "cd".repeat(32),
                admin,
                Map.of("size", 1, "contentType", "text/plain", "storageKey", "x", "fencingToken", token));
        assertEquals(409, fenced.status(), "the admin does not hold the lease: " + fenced.body());
        HttpResult read = api.get("/api/repositories/" + a + "/objects/" + oid, admin);
        contract.assertMatches("GET", "/api/repositories/{id}/objects/{oid}", read);
        assertEquals(token, read.json().get("fencingToken").asLong());
        HttpResult listed = api.get("/api/repositories/" + a + "/objects", admin);
        contract.assertMatches("GET", "/api/repositories/{id}/objects", listed);
        assertEquals(1, listed.json().get("items").size());

        HttpResult aOnB = api.post(
                "/api/repositories/" + a + "/relationships",
                agent,
                Map.of("kind", "depends-on", "targetId", b, "fencingToken", token));
        assertEquals(201, aOnB.status(), aOnB.body());
        contract.assertMatches("POST", "/api/repositories/{id}/relationships", aOnB);
        assertEquals(
                409,
                api.post(
                                "/api/repositories/" + a + "/relationships",
                                agent,
                                Map.of("kind", "depends-on", "targetId", b, "fencingToken", token))
                        .status(),
                "once per kind");
        long tokenB = lease(b, agent);
        assertEquals(
                201,
                api.post(
                                "/api/repositories/" + b + "/relationships",
                                agent,
                                Map.of("kind", "depends-on", "targetId", c, "fencingToken", tokenB))
                        .status());
        long tokenC = lease(c, agent);
        HttpResult cycle = api.post(
                "/api/repositories/" + c + "/relationships",
                agent,
                Map.of("kind", "depends-on", "targetId", a, "fencingToken", tokenC));
        assertEquals(409, cycle.status(), "c → a would close a → b → c → a: " + cycle.body());
        assertTrue(cycle.body().contains("dependency-cycle"), cycle.body());
        assertEquals(
                201,
                api.post(
                                "/api/repositories/" + c + "/relationships",
                                agent,
                                Map.of("kind", "fork-of", "targetId", a, "fencingToken", tokenC))
                        .status(),
                "a fork is not a dependency");
        assertField(
                "targetId",
                api.post(
                        "/api/repositories/" + c + "/relationships",
                        agent,
                        Map.of("kind", "fork-of", "targetId", c, "fencingToken", tokenC)));
        HttpResult ofA = api.get("/api/repositories/" + a + "/relationships", admin);
        contract.assertMatches("GET", "/api/repositories/{id}/relationships", ofA);
        assertEquals(2, ofA.json().get("items").size(), "a depends on b; c forks a");
        HttpResult removed = api.call(
                "DELETE", "/api/repositories/" + a + "/relationships/depends-on/" + b + "?token=" + token, agent, null);
        assertEquals(204, removed.status(), removed.body());
        assertEquals(
                201,
                api.post(
                                "/api/repositories/" + c + "/relationships",
                                agent,
                                Map.of("kind", "depends-on", "targetId", a, "fencingToken", tokenC))
                        .status(),
                "with a → b gone, c → a closes nothing");
    }

    @Test
    void of_a_hundred_concurrent_acquires_through_the_api_one_is_granted_and_ninety_nine_are_409() throws Exception {
        String repo = repository("raced");
        java.util.List<String> agents = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            agents.add(agent("racer" + i));
        }
        int callers = 100;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(callers);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(callers);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String who = agents.get(i % agents.size());
                statuses.add(pool.submit(() -> {
                    start.await();
                    return api.post("/api/repositories/" + repo + "/lease", who, null)
                            .status();
                }));
            }
            java.util.Map<Integer, Integer> counts = new java.util.TreeMap<>();
            for (java.util.concurrent.Future<Integer> status : statuses) {
                counts.merge(status.get(), 1, Integer::sum);
            }
            assertEquals(java.util.Map.of(201, 1, 409, 99), counts, "one grant, every other caller told who holds it");
        } finally {
            pool.shutdownNow();
        }
        JsonNode lease = api.get("/api/repositories/" + repo + "/lease", admin).json();
        assertEquals(1, lease.get("lastToken").asLong(), "one grant, one token");
        assertEquals(
                99,
                api.get("/api/audit/events?actionPrefix=lease.acquire&outcome=denied&limit=200", admin)
                        .json()
                        .get("items")
                        .size(),
                "every refusal audited");
    }

    @Test
    void a_lease_that_runs_out_is_recorded_once_by_the_sweep_or_by_the_next_grant() {
        String swept = repository("swept");
        String regranted = repository("regranted");
        String agent = agent("sleeper");
        long token = lease(swept, agent);
        lease(regranted, agent);
        assertEquals(0, app.app().holdLease().recordExpiries(), "within its 72 hours");
        clock.advance(Duration.ofHours(72));
        admin = api.admin();
        lease(regranted, agent("next")); // the next grant records the old one first
        assertEquals(1, app.app().holdLease().recordExpiries(), "the sweep records the other");
        assertEquals(0, app.app().holdLease().recordExpiries(), "once each");
        JsonNode expiries = api.get("/api/audit/events?actionPrefix=lease.expire", admin)
                .json()
                .get("items");
        assertEquals(2, expiries.size(), expiries.toString());
        for (JsonNode entry : expiries) {
            assertEquals("system", entry.get("actor").asText());
        }
        assertTrue(
                expiries.findValuesAsText("targetId").containsAll(java.util.List.of(swept, regranted)),
                expiries.toString());
        assertEquals(
                Long.toString(token),
                expiries.get(0).get("details").get("token").asText());
    }

    @Test
    void bad_input_is_refused_naming_the_field() {
        assertField(
                "name",
                api.post("/api/projects/BF/repositories", admin, Map.of("name", "../etc", "storageLocation", "s")));
        assertField(
                "defaultBranch",
                api.post(
                        "/api/projects/BF/repositories",
                        admin,
                        Map.of("name", "ok", "defaultBranch", "a..b", "storageLocation", "s")));
        assertField(
                "visibility",
                api.post(
                        "/api/projects/BF/repositories",
                        admin,
                        Map.of("name", "ok", "visibility", "secret", "storageLocation", "s")));
        String repo = api.post("/api/projects/BF/repositories", admin, Map.of("name", "ok", "storageLocation", "s"))
                .json()
                .get("id")
                .asText();
        assertField("token", api.call("DELETE", "/api/repositories/" + repo + "/lease", admin, null));
        assertField("token", api.call("DELETE", "/api/repositories/" + repo + "/lease?token=x", admin, null));
        assertField(
                "fencingToken",
                api.call("PATCH", "/api/repositories/" + repo, admin, Map.of("version", 1, "fencingToken", 0)));
        assertField(
                "targetId",
                api.post(
                        "/api/repositories/" + repo + "/relationships",
                        admin,
                        Map.of("kind", "fork-of", "targetId", "nope", "fencingToken", 1)));
    }

    void assertField(String field, HttpResult refused) {
        assertEquals(400, refused.status(), refused.body());
        assertEquals(field, refused.json().get("field").asText(), refused.body());
    }
}
