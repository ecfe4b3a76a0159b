package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Mirrors through the API, synced by the server's own job workers against bare git repositories this test makes
 * on local disk: settings under the lease, "sync now", new commits, pruning, a broken remote's error and backoff.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class MirrorsApiTest {

    @Parameter
    Engine engine;

    @TempDir
    Path tmp;

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());
    final RunsApiTest.MovingClock clock = new RunsApiTest.MovingClock();
    final AtomicInteger commits = new AtomicInteger();
    TestDatabase db;
    RunningApp app;
    Api api;
    String admin;
    String agent;
    String repo;
    long token;
    Path origin;
    Git work;

    @BeforeEach
    void start() throws Exception {
        db = TestDatabase.empty(engine);
        app = RunningApp.start(env(true), clock);
        api = new Api(app.port());
        admin = api.admin();
        api.project(admin, "BF");
        agent = api.issueToken(admin, api.createAgent(admin, "mirror@agents.example.com", "agent"));
        HttpResult created = api.post(
                "/api/projects/BF/repositories", admin, Map.of("name", "factory", "storageLocation", "git/factory"));
        repo = created.json().get("id").asText();
        token = api.post("/api/repositories/" + repo + "/lease", agent, null)
                .json()
                .get("fencingToken")
                .asLong();
        origin = bare("origin.git");
        work = Git.init()
                .setDirectory(tmp.resolve("work").toFile())
                .setInitialBranch("main")
                .call();
        // No automatic gc: JGit runs it on a background thread after a commit, which may still be writing into
        // .git while the temporary directory is deleted (seen once in CI as "work/.git could not be deleted").
        var config = work.getRepository().getConfig();
        config.setInt("gc", null, "auto", 0);
        config.setBoolean("gc", null, "autoDetach", false);
        config.save();
    }

    Map<String, String> env(boolean localRemotes) {
        Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
        env.put("BF_GIT_ROOT", tmp.resolve("copies").toString());
        env.put("BF_MIRROR_LOCAL_REMOTES", Boolean.toString(localRemotes));
        return env;
    }

    @AfterEach
    void stop() {
        work.close();
        app.close();
        db.close();
    }

    Path bare(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Git.init()
                .setBare(true)
                .setDirectory(dir.toFile())
                .setInitialBranch("main")
                .call()
                .close();
        return dir;
    }

    static String url(Path bare) {
        return "file://" + bare.toAbsolutePath();
    }

    ObjectId commitAndPush(String branch) throws Exception {
        int n = commits.incrementAndGet();
        Files.writeString(work.getRepository().getWorkTree().toPath().resolve("f" + n), "change " + n);
        work.add().addFilepattern(".").call();
        ObjectId id = work.commit()
                .setMessage("change " + n)
                .setAuthor("Agent", "agent@example.com")
                .setCommitter("Agent", "agent@example.com")
                .setSign(false)
                .call()
                .getId();
        work.push()
                .setRemote(url(origin))
                .setRefSpecs(new RefSpec("+HEAD:refs/heads/" + branch))
                .call();
        return id;
    }

    ObjectId inCopy(String ref) throws Exception {
        try (Repository r = new FileRepositoryBuilder()
                .setGitDir(tmp.resolve("copies").resolve(repo + ".git").toFile())
                .build()) {
            return r.resolve(ref);
        }
    }

    String mirror(Path remote, int intervalSeconds) {
        HttpResult added = api.post(
                "/api/repositories/" + repo + "/mirrors",
                agent,
                Map.of(
                        "remoteUrl",
                        url(remote),
                        "intervalSeconds",
                        intervalSeconds,
                        "prune",
                        true,
                        "fencingToken",
                        token));
        assertEquals(201, added.status(), added.body());
        return added.json().get("id").asText();
    }

    /** Asks for a sync now and waits for the server's workers to record one that ended after {@code since}. */
    /**
     * The sync that adding a mirror queues, once it is recorded. Workers wake at once on an enqueue, so that sync
     * may already be running when a test asks for another; a sync asked for during one is kept due, which a test
     * of the first outcome would then see.
     */
    JsonNode firstSync(String mirror) {
        String path = "/api/repositories/" + repo + "/mirrors/" + mirror;
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode now = api.get(path, agent).json();
            if (now.hasNonNull("lastSyncAt")) {
                return now;
            }
            clock.advance(Duration.ofMillis(1));
            sleep();
        }
        throw new AssertionError("the first sync of " + mirror + " was not recorded within 30 s");
    }

    JsonNode syncNow(String mirror) {
        String path = "/api/repositories/" + repo + "/mirrors/" + mirror;
        JsonNode before = api.get(path, agent).json();
        HttpResult asked = api.post(path + "/sync", agent, null);
        assertEquals(202, asked.status(), asked.body());
        contract.assertMatches("POST", "/api/repositories/{id}/mirrors/{mirrorId}/sync", asked);
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            JsonNode now = api.get(path, agent).json();
            if (!now.path("lastSyncAt").equals(before.path("lastSyncAt"))
                    || now.get("consecutiveFailures").asInt()
                            != before.get("consecutiveFailures").asInt()) {
                return now;
            }
            clock.advance(Duration.ofMillis(1)); // each sync ends at a new instant, so the next one shows
            sleep();
        }
        throw new AssertionError("no sync of " + mirror + " was recorded within 30 s");
    }

    static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void a_pull_mirror_syncs_in_the_background_picks_up_new_commits_and_prunes_a_deleted_branch() throws Exception {
        ObjectId first = commitAndPush("main");
        commitAndPush("feature");
        HttpResult added = api.post(
                "/api/repositories/" + repo + "/mirrors",
                agent,
                Map.of("remoteUrl", url(origin), "prune", true, "fencingToken", token));
        assertEquals(201, added.status(), added.body());
        contract.assertMatches("POST", "/api/repositories/{id}/mirrors", added);
        assertEquals("pending", added.json().get("status").asText());
        assertEquals("pull", added.json().get("direction").asText(), "pull unless told otherwise");
        assertEquals(900, added.json().get("intervalSeconds").asInt());
        String mirror = added.json().get("id").asText();

        JsonNode synced = syncNow(mirror);
        assertEquals("synced", synced.get("status").asText(), synced.toString());
        assertEquals(2, synced.get("refsUpdated").asInt(), "main and feature");
        assertEquals(first, inCopy("refs/heads/main"), "the server's copy has the remote's commit");
        Instant last = Instant.parse(synced.get("lastSyncAt").asText());
        assertEquals(
                last.plusSeconds(900), Instant.parse(synced.get("nextSyncAt").asText()));

        ObjectId second = commitAndPush("main");
        work.push()
                .setRemote(url(origin))
                .setRefSpecs(new RefSpec(":refs/heads/feature"))
                .call();
        JsonNode again = syncNow(mirror);
        assertEquals("synced", again.get("status").asText(), again.toString());
        assertEquals(1, again.get("refsUpdated").asInt(), again.toString());
        assertEquals(1, again.get("refsDeleted").asInt(), "feature pruned: " + again);
        assertEquals(second, inCopy("refs/heads/main"), "a pull mirror picks up the new commit");
        assertNull(inCopy("refs/heads/feature"));

        HttpResult listed = api.get("/api/repositories/" + repo + "/mirrors", admin);
        contract.assertMatches("GET", "/api/repositories/{id}/mirrors", listed);
        assertEquals(1, listed.json().get("items").size());
        contract.assertMatches(
                "GET",
                "/api/repositories/{id}/mirrors/{mirrorId}",
                api.get("/api/repositories/" + repo + "/mirrors/" + mirror, admin));
        JsonNode audited = api.get("/api/audit/events?actionPrefix=mirror.sync", admin)
                .json()
                .get("items");
        assertTrue(audited.size() >= 3, "the request and each sync that changed refs are audited: " + audited);
    }

    @Test
    void a_broken_remote_records_its_error_and_backs_off_and_the_first_success_resets_it() throws Exception {
        Path later = tmp.resolve("later.git");
        String mirror = mirror(later, 60);

        JsonNode failed = firstSync(mirror);
        assertEquals("failed", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("lastError").asText().contains("later.git"), failed.toString());
        assertEquals(1, failed.get("consecutiveFailures").asInt());
        Instant at = Instant.parse(failed.get("lastSyncAt").asText());
        assertEquals(at.plusSeconds(120), Instant.parse(failed.get("nextSyncAt").asText()), "twice the interval");

        JsonNode twice = syncNow(mirror);
        assertEquals(2, twice.get("consecutiveFailures").asInt(), twice.toString());
        Instant second = Instant.parse(twice.get("lastSyncAt").asText());
        assertEquals(
                second.plusSeconds(240), Instant.parse(twice.get("nextSyncAt").asText()), "doubling");
        JsonNode failures = api.get("/api/audit/events?actionPrefix=mirror.sync&outcome=failed", admin)
                .json()
                .get("items");
        assertEquals(2, failures.size(), "each failed sync is audited with its error: " + failures);

        Path made = bare("later.git");
        assertEquals(later, made);
        origin = made;
        ObjectId commit = commitAndPush("main");
        JsonNode recovered = syncNow(mirror);
        assertEquals("synced", recovered.get("status").asText(), recovered.toString());
        assertEquals(0, recovered.get("consecutiveFailures").asInt());
        assertTrue(recovered.get("lastError").isNull(), recovered.toString());
        assertEquals(commit, inCopy("refs/heads/main"));
        Instant ok = Instant.parse(recovered.get("lastSyncAt").asText());
        assertEquals(
                ok.plusSeconds(60), Instant.parse(recovered.get("nextSyncAt").asText()), "back to the interval");
    }

    @Test
    void a_push_mirror_sends_the_copy_to_its_remote() throws Exception {
        ObjectId main = commitAndPush("main");
        String pull = mirror(origin, 3600);
        syncNow(pull);
        Path target = bare("target.git");
        HttpResult added = api.post(
                "/api/repositories/" + repo + "/mirrors",
                agent,
                Map.of("remoteUrl", url(target), "direction", "push", "fencingToken", token));
        assertEquals(201, added.status(), added.body());
        JsonNode pushed = syncNow(added.json().get("id").asText());
        assertEquals("synced", pushed.get("status").asText(), pushed.toString());
        try (Repository r =
                new FileRepositoryBuilder().setGitDir(target.toFile()).build()) {
            assertEquals(main, r.resolve("refs/heads/main"));
        }
    }

    @Test
    void settings_are_written_under_the_lease_and_a_disabled_mirror_does_not_sync() {
        String mirror = mirror(origin, 300);
        String path = "/api/repositories/" + repo + "/mirrors/" + mirror;
        String other = api.issueToken(admin, api.createAgent(admin, "other@agents.example.com", "agent"));
        HttpResult fenced =
                api.call("PATCH", path, other, Map.of("enabled", false, "fencingToken", token, "version", 1));
        assertEquals(409, fenced.status(), "not the holder: " + fenced.body());
        HttpResult stale = api.call("PATCH", path, agent, Map.of("enabled", false, "fencingToken", 1, "version", 9));
        assertEquals(409, stale.status(), "an old version: " + stale.body());
        HttpResult changed = api.call(
                "PATCH",
                path,
                agent,
                Map.of("enabled", false, "intervalSeconds", 120, "fencingToken", token, "version", 1));
        assertEquals(200, changed.status(), changed.body());
        contract.assertMatches("PATCH", "/api/repositories/{id}/mirrors/{mirrorId}", changed);
        assertEquals(false, changed.json().get("enabled").asBoolean());
        assertEquals(120, changed.json().get("intervalSeconds").asInt());
        HttpResult disabled = api.post(path + "/sync", agent, null);
        assertEquals(409, disabled.status(), disabled.body());
        assertEquals(
                "Refused by a rule: mirror-disabled",
                disabled.json().get("title").asText(),
                disabled.body());

        HttpResult bad = api.post(
                "/api/repositories/" + repo + "/mirrors",
                agent,
                Map.of("remoteUrl", "https://bot:hunter2@git.example.com/x.git", "fencingToken", token));
        assertEquals(400, bad.status(), bad.body());
        assertEquals("remoteUrl", bad.json().get("field").asText(), bad.body());
        assertEquals(
                400,
                api.post(
                                "/api/repositories/" + repo + "/mirrors",
                                agent,
                                Map.of(
                                        "remoteUrl",
                                        "https://git.example.com/x.git",
                                        "intervalSeconds",
                                        59,
                                        "fencingToken",
                                        token))
                        .status(),
                "at least a minute between syncs");
        assertEquals(
                409,
                api.post(
                                "/api/repositories/" + repo + "/mirrors",
                                agent,
                                Map.of("remoteUrl", url(origin), "fencingToken", token))
                        .status(),
                "once per remote and direction");

        assertEquals(
                409, api.call("DELETE", path + "?token=" + token, other, null).status());
        assertEquals(
                204, api.call("DELETE", path + "?token=" + token, agent, null).status());
        assertEquals(404, api.get(path, agent).status());
        JsonNode audit =
                api.get("/api/audit/events?actionPrefix=mirror.", admin).json().get("items");
        assertTrue(
                audit.findValuesAsText("action")
                        .containsAll(java.util.List.of("mirror.add", "mirror.update", "mirror.remove")),
                audit.toString());
    }

    @Test
    void a_server_that_does_not_allow_local_remotes_refuses_file_urls() {
        app.close();
        app = RunningApp.start(env(false), clock);
        api = new Api(app.port());
        HttpResult refused = api.post(
                "/api/repositories/" + repo + "/mirrors",
                agent,
                Map.of("remoteUrl", url(origin), "fencingToken", token));
        assertEquals(400, refused.status(), refused.body());
        assertTrue(refused.body().contains("BF_MIRROR_LOCAL_REMOTES"), refused.body());
        assertNotNull(
                api.post(
                                "/api/repositories/" + repo + "/mirrors",
                                agent,
                                Map.of("remoteUrl", "https://git.example.com/x.git", "fencingToken", token))
                        .json()
                        .get("id"),
                "an https remote is fine");
    }
}
