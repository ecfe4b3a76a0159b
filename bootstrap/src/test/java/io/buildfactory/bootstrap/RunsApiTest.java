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
    void an_execution_on_a_repository_holds_its_lease_and_a_commit_from_a_lost_or_superseded_grant_is_refused() {
        String run = made("/api/projects/BF/runs", Map.of("scope", "workflow", "workflowId", workflow));
        String repo = api.post(
                        "/api/projects/BF/repositories", admin, Map.of("name", "factory", "storageLocation", "git/f"))
                .json()
                .get("id")
                .asText();
        String alice = agent("alice");
        String bob = agent("bob");
        Map<String, String> onRepo = Map.of("repositoryId", repo);

        HttpResult claimed = api.post("/api/projects/BF/assignments/claim", alice, onRepo);
        assertEquals(200, claimed.status(), claimed.body());
        contract.assertMatches("POST", "/api/projects/{key}/assignments/claim", claimed);
        JsonNode execution = claimed.json().get("execution");
        assertEquals(repo, execution.get("repositoryId").asText());
        assertEquals(1, execution.get("fencingToken").asLong(), "the execution took the lease first");
        JsonNode lease = api.get("/api/repositories/" + repo + "/lease", admin).json();
        assertEquals(execution.get("agentId").asText(), lease.get("holder").asText(), lease.toString());

        HttpResult refused = api.post("/api/projects/BF/assignments/claim", bob, onRepo);
        assertEquals(409, refused.status(), "alice's execution holds it: " + refused.body());
        assertEquals("/problems/lease-held", refused.json().get("type").asText());
        HttpResult again = api.post("/api/projects/BF/assignments/claim", alice, onRepo);
        assertEquals(409, again.status(), "one grant, one piece of work, for alice too: " + again.body());
        HttpResult unknown = api.post(
                "/api/projects/BF/assignments/claim", alice, Map.of("repositoryId", "01JQBF0000000000000000XXXX"));
        assertEquals(404, unknown.status(), unknown.body());
        HttpResult elsewhere = api.post("/api/projects/BF/assignments/claim", bob, null);
        assertEquals(200, elsewhere.status(), "the refused claim left its assignment queued: " + elsewhere.body());

        String commits = "/api/executions/" + execution.get("id").asText() + "/commits";
        Map<String, Object> commit = new java.util.HashMap<>(Map.of(
                "sha",
                "a".repeat(40),
                "message",
                "export",
                "author",
                "alice",
                "files",
                List.of(Map.of("path", "src/Export.java", "change", "added"))));
        HttpResult untokened = api.post(commits, alice, commit);
        assertEquals(400, untokened.status(), untokened.body());
        assertEquals("fencingToken", untokened.json().get("field").asText());
        commit.put("fencingToken", 2);
        assertEquals(400, api.post(commits, alice, commit).status(), "not the execution's token");
        commit.put("fencingToken", 1);
        HttpResult landed = api.post(commits, alice, commit);
        assertEquals(201, landed.status(), landed.body());
        contract.assertMatches("POST", "/api/executions/{id}/commits", landed);
        assertEquals(1, landed.json().get("fencingToken").asLong());

        // alice's grant ends (released here; expiry at 72 h is the same to the fence) and bob's supersedes it
        assertEquals(
                204,
                api.call("DELETE", "/api/repositories/" + repo + "/lease?token=1", alice, null)
                        .status());
        commit.put("sha", "b".repeat(40));
        HttpResult lost = api.post(commits, alice, commit);
        assertEquals(409, lost.status(), "the grant is gone: " + lost.body());
        assertEquals(
                "Refused by a rule: lease-not-held", lost.json().get("title").asText(), lost.body());
        assertEquals(
                1,
                api.post("/api/repositories/" + repo + "/lease", bob, null)
                                .json()
                                .get("fencingToken")
                                .asLong()
                        - 1,
                "bob's grant is the next one");
        HttpResult superseded = api.post(commits, alice, commit);
        assertEquals(409, superseded.status(), superseded.body());
        assertEquals(
                "/problems/stale-fencing-token", superseded.json().get("type").asText());
        JsonNode denied = api.get("/api/audit/events?actionPrefix=commit.report&outcome=denied", admin)
                .json()
                .get("items");
        assertEquals(2, denied.size(), "each refused commit is audited: " + denied);
        List<String> landedShas =
                api.get("/api/runs/" + run, admin).json().get("assignments").findValues("commits").stream()
                        .flatMap(c -> c.findValuesAsText("sha").stream())
                        .toList();
        assertEquals(List.of("a".repeat(40)), landedShas, "only the commit made under the grant landed");

        // bob lets go; carol's execution takes the lease, and finishing the execution ends its grant
        assertEquals(
                204,
                api.call("DELETE", "/api/repositories/" + repo + "/lease?token=2", bob, null)
                        .status());
        String carol = agent("carol");
        JsonNode third = api.post("/api/projects/BF/assignments/claim", carol, onRepo)
                .json()
                .get("execution");
        assertEquals(3, third.get("fencingToken").asLong());
        assertEquals(
                200,
                api.post(
                                "/api/executions/" + third.get("id").asText() + "/finish",
                                carol,
                                Map.of("status", "succeeded"))
                        .status());
        JsonNode after = api.get("/api/repositories/" + repo + "/lease", admin).json();
        assertEquals("free", after.get("state").asText(), after.toString());
        assertEquals(3, after.get("lastToken").asLong());
    }

    @Test
    void an_approval_nobody_decides_expires_through_the_job_and_is_then_past_deciding() {
        String run = made("/api/projects/BF/runs", Map.of("scope", "card", "cardId", cards.get(1)));
        String agent = agent("builder");
        JsonNode claim =
                api.post("/api/projects/BF/assignments/claim", agent, null).json();
        api.post("/api/runs/" + run + "/checks", agent, Map.of("name", "ci/build", "status", "passed"));
        String candidate = api.post(
                        "/api/assignments/" + claim.get("assignment").get("id").asText() + "/candidate",
                        agent,
                        Map.of("title", "Card 1"))
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
        assertEquals(0, app.app().reviewWork().expireOverdue(), "within its seven days");

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertEquals(1, app.app().reviewWork().expireOverdue(), "past its expiry, undecided");
        assertEquals(0, app.app().reviewWork().expireOverdue(), "expired once");
        admin = api.admin(); // a week on, the old session is long gone
        JsonNode approvals = api.get("/api/runs/" + run, admin)
                .json()
                .get("assignments")
                .get(0)
                .get("approvals");
        assertEquals("expired", approvals.get(0).get("state").asText(), "reads show it as it is");
        api.createHuman(admin, "late@example.com", "reviewer-passphrase-1", "maintainer");
        String reviewer = api.logIn("late@example.com", "reviewer-passphrase-1");
        assertEquals(
                409,
                api.post("/api/approvals/" + approval + "/decision", reviewer, Map.of("approve", true))
                        .status(),
                "too late to decide");
        JsonNode entry = api.get("/api/audit/events?actionPrefix=approval.expire", admin)
                .json()
                .get("items")
                .get(0);
        assertEquals("system", entry.get("actor").asText(), entry.toString());
        assertEquals(approval, entry.get("details").get("approval").asText());
        assertEquals(
                201,
                api.post("/api/candidates/" + candidate + "/approvals", agent, null)
                        .status(),
                "the candidate may ask again");
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

    @Test
    void a_candidate_goes_ready_only_with_its_required_checks_passed_and_no_flagged_commit_and_a_person_approves_it() {
        String flaggedRun = made("/api/projects/BF/runs", Map.of("scope", "card", "cardId", cards.get(1)));
        HttpResult detail = api.get("/api/runs/" + flaggedRun, admin);
        contract.assertMatches("GET", "/api/runs/{id}", detail);
        assertEquals("ci/build", detail.json().get("checks").get(0).get("name").asText());
        assertEquals("pending", detail.json().get("checks").get(0).get("status").asText());
        assertTrue(detail.json().get("checks").get(0).get("required").asBoolean());

        String agent = agent("builder");
        JsonNode claim =
                api.post("/api/projects/BF/assignments/claim", agent, null).json();
        String execution = claim.get("execution").get("id").asText();
        String assignment = claim.get("assignment").get("id").asText();
        api.post(
                "/api/executions/" + execution + "/commits",
                agent,
                Map.of(
                        "sha",
                        "a".repeat(40),
                        "message",
                        "oops",
                        "author",
                        "builder",
                        "files",
                        List.of(Map.of("path", "src/secrets/token.txt", "change", "added"))));
        HttpResult drafted =
                api.post("/api/assignments/" + assignment + "/candidate", agent, Map.of("title", "Card 1"));
        assertEquals(201, drafted.status(), drafted.body());
        contract.assertMatches("POST", "/api/assignments/{id}/candidate", drafted);
        String candidate = drafted.json().get("id").asText();
        HttpResult blocked = api.post(
                "/api/candidates/" + candidate + "/transitions", agent, Map.of("state", "ready", "version", 1));
        assertEquals(409, blocked.status(), blocked.body());
        assertEquals("/problems/action-blocked", blocked.json().get("type").asText());
        assertEquals(
                List.of("required-checks:blocked", "commit-paths:blocked"),
                verdicts(blocked.json().get("gates")));
        assertTrue(blocked.json().get("gates").get(0).get("nextStep").asText().contains("checks"));
        assertEquals(
                "denied",
                api.get("/api/audit/events?actionPrefix=candidate.move", admin)
                        .json()
                        .get("items")
                        .get(0)
                        .get("outcome")
                        .asText(),
                "the refusal is audited");
        HttpResult check = api.post(
                "/api/runs/" + flaggedRun + "/checks",
                agent,
                Map.of("name", "ci/build", "status", "passed", "detailsUrl", "https://ci.example.com/builds/1"));
        assertEquals(200, check.status(), check.body());
        contract.assertMatches("POST", "/api/runs/{id}/checks", check);
        HttpResult stillBlocked = api.post(
                "/api/candidates/" + candidate + "/transitions", agent, Map.of("state", "ready", "version", 1));
        assertEquals(
                List.of("required-checks:pass", "commit-paths:blocked"),
                verdicts(stillBlocked.json().get("gates")),
                "a flagged commit stays a stop");

        String cleanRun = made("/api/projects/BF/runs", Map.of("scope", "card", "cardId", cards.get(2)));
        JsonNode clean =
                api.post("/api/projects/BF/assignments/claim", agent, null).json();
        api.post(
                "/api/executions/" + clean.get("execution").get("id").asText() + "/commits",
                agent,
                Map.of(
                        "sha",
                        "b".repeat(40),
                        "message",
                        "ok",
                        "author",
                        "builder",
                        "files",
                        List.of(Map.of("path", "docs/card-2.md", "change", "added"))));
        api.post("/api/runs/" + cleanRun + "/checks", agent, Map.of("name", "ci/build", "status", "running"));
        api.post("/api/runs/" + cleanRun + "/checks", agent, Map.of("name", "ci/build", "status", "passed"));
        String good = api.post(
                        "/api/assignments/" + clean.get("assignment").get("id").asText() + "/candidate",
                        agent,
                        Map.of("title", "Card 2"))
                .json()
                .get("id")
                .asText();
        HttpResult ready =
                api.post("/api/candidates/" + good + "/transitions", agent, Map.of("state", "ready", "version", 1));
        assertEquals(200, ready.status(), ready.body());
        contract.assertMatches("POST", "/api/candidates/{id}/transitions", ready);
        HttpResult asked = api.post("/api/candidates/" + good + "/approvals", agent, null);
        assertEquals(201, asked.status(), asked.body());
        contract.assertMatches("POST", "/api/candidates/{id}/approvals", asked);
        String approval = asked.json().get("id").asText();
        assertEquals(
                403,
                api.post("/api/approvals/" + approval + "/decision", agent, Map.of("approve", true))
                        .status(),
                "agents do not approve");
        api.createHuman(admin, "reviewer@example.com", "reviewer-passphrase-1", "maintainer");
        String reviewer = api.logIn("reviewer@example.com", "reviewer-passphrase-1");
        HttpResult approved = api.post(
                "/api/approvals/" + approval + "/decision", reviewer, Map.of("approve", true, "reason", "LGTM"));
        assertEquals(200, approved.status(), approved.body());
        contract.assertMatches("POST", "/api/approvals/{id}/decision", approved);
        assertEquals("approved", approved.json().get("state").asText());
        assertEquals(
                409,
                api.post("/api/approvals/" + approval + "/decision", reviewer, Map.of("approve", false))
                        .status(),
                "decided once");
        HttpResult opened = api.post(
                "/api/candidates/" + good + "/transitions",
                agent,
                Map.of("state", "opened", "url", "https://github.com/acme/factory/pull/7", "version", 2));
        assertEquals(200, opened.status(), opened.body());
        HttpResult runView = api.get("/api/runs/" + cleanRun, admin);
        contract.assertMatches("GET", "/api/runs/{id}", runView);
        JsonNode a = runView.json().get("assignments").get(0);
        assertEquals("opened", a.get("candidate").get("state").asText());
        assertEquals("approved", a.get("approvals").get(0).get("state").asText());

        // lineage: from the card forward in one answer, and back from the commit, candidate and approval
        HttpResult lineage = api.get("/api/cards/" + cards.get(2) + "/lineage", admin);
        assertEquals(200, lineage.status(), lineage.body());
        contract.assertMatches("GET", "/api/cards/{id}/lineage", lineage);
        JsonNode step = lineage.json().get("runs").get(0);
        assertEquals(cleanRun, step.get("run").get("id").asText());
        assertEquals("passed", step.get("checks").get(0).get("status").asText());
        JsonNode built = step.get("assignments").get(0);
        assertEquals(
                "b".repeat(40),
                built.get("executions").get(0).get("commits").get(0).get("sha").asText());
        assertEquals(good, built.get("candidate").get("id").asText());
        assertEquals(approval, built.get("approvals").get(0).get("id").asText());
        HttpResult fromCommit = api.get("/api/commits/" + "B".repeat(40) + "/origin", admin);
        assertEquals(200, fromCommit.status(), fromCommit.body());
        contract.assertMatches("GET", "/api/commits/{sha}/origin", fromCommit);
        assertEquals(
                cards.get(2),
                fromCommit.json().get("items").get(0).get("cardId").asText());
        assertEquals(
                cleanRun, fromCommit.json().get("items").get(0).get("runId").asText());
        HttpResult fromApproval = api.get("/api/approvals/" + approval + "/origin", admin);
        contract.assertMatches("GET", "/api/approvals/{id}/origin", fromApproval);
        assertEquals(cards.get(2), fromApproval.json().get("cardId").asText());
        assertEquals(good, fromApproval.json().get("candidateId").asText());
        assertEquals(
                cleanRun,
                api.get("/api/candidates/" + good + "/origin", admin)
                        .json()
                        .get("runId")
                        .asText());
        assertEquals(
                404,
                api.get("/api/commits/" + "c".repeat(40) + "/origin", admin).status());

        // four eyes: whoever executed the assignment cannot approve it, even holding the permission
        String selfRun = made("/api/projects/BF/runs", Map.of("scope", "card", "cardId", cards.get(0)));
        JsonNode mine =
                api.post("/api/projects/BF/assignments/claim", admin, null).json();
        api.post("/api/runs/" + selfRun + "/checks", admin, Map.of("name", "ci/build", "status", "passed"));
        String own = api.post(
                        "/api/assignments/" + mine.get("assignment").get("id").asText() + "/candidate",
                        admin,
                        Map.of("title", "mine"))
                .json()
                .get("id")
                .asText();
        api.post("/api/candidates/" + own + "/transitions", admin, Map.of("state", "ready", "version", 1));
        String ownApproval = api.post("/api/candidates/" + own + "/approvals", admin, null)
                .json()
                .get("id")
                .asText();
        HttpResult self = api.post("/api/approvals/" + ownApproval + "/decision", admin, Map.of("approve", true));
        assertEquals(409, self.status(), self.body());
        assertTrue(self.json().get("title").asText().contains("four-eyes"), self.body());
        HttpResult openedOwn = api.post(
                "/api/candidates/" + own + "/transitions",
                admin,
                Map.of("state", "opened", "url", "https://github.com/acme/factory/pull/8", "version", 2));
        assertEquals(200, openedOwn.status(), openedOwn.body());
        HttpResult selfMerge =
                api.post("/api/candidates/" + own + "/transitions", admin, Map.of("state", "merged", "version", 3));
        assertEquals(409, selfMerge.status(), "no merge without a person's approval: " + selfMerge.body());
        assertTrue(selfMerge.json().get("title").asText().contains("not-approved"), selfMerge.body());
        HttpResult merged =
                api.post("/api/candidates/" + good + "/transitions", agent, Map.of("state", "merged", "version", 3));
        assertEquals(200, merged.status(), "approved, it merges: " + merged.body());
        HttpResult script = api.post(
                "/api/candidates/" + own + "/transitions",
                admin,
                Map.of("state", "closed", "url", "javascript:alert(1)", "version", 3));
        assertEquals(400, script.status());
        assertEquals("url", script.json().get("field").asText());
    }

    private static List<String> verdicts(JsonNode gates) {
        List<String> out = new ArrayList<>();
        gates.forEach(
                g -> out.add(g.get("gate").asText() + ":" + g.get("verdict").asText()));
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
