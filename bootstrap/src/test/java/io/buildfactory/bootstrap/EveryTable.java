package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.http.testing.HttpResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A database in which every table of the schema holds at least one row, made through the HTTP API as clients use
 * it, for tests that move whole databases (db copy). Values include unicode, multi-line text with tabs and
 * backslashes, a text of about 100 kB and a sensitive exchange, since a copy must carry all of them unchanged.
 * The seeded tables (permissions, roles, role_permissions) get rows of their own as well; job_schedules, jobs,
 * telemetry_events and telemetry_ingestion_warnings are written in the background, and are waited for.
 */
final class EveryTable {

    static final String KEY = "COPY";
    static final String TITLE = "Überprüfung — 検証 ✓";
    static final String MULTILINE =
            "Erste Zeile — Überprüfung\nzweite Zeile\tmit Tabulator, Backslash \\ und \"Anführung\"\r\n検証 ✓ 📦 Ende";
    static final String AWS_KEY = "AKIAIOSFODNN7EXAMPLE";
    /** About 100 kB of text in many lines; it ends in a letter, as stored text is trimmed. */
    static final String LARGE = large(100_000);

    static final String REVIEWER_EMAIL = "reviewer@example.com";
    static final String PASSWORD = "reviewer-passphrase-1";

    private static final String ITEMS = "/api/control-plane/items";
    private static final String PLANNED_FILE = "src/main/java/io/buildfactory/Export.java";
    private static final String REQUIRED_CHECK = "ci/build";
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private EveryTable() {}

    private record People(String reviewerId, String reviewer, String agent) {}

    private record Plan(String workflow, String card) {}

    private record Run(String id, String execution) {}

    /**
     * The environment of {@link Api#withAdmin} with content sealing on: the sensitive exchange and memory unit are
     * then stored sealed (AES-GCM under this key) rather than redacted, so sealed content exists to be copied.
     */
    static Map<String, String> withSealing(String databaseUrl) {
        Map<String, String> env = new HashMap<>(Api.withAdmin(databaseUrl));
        env.put("BF_SENSITIVE_DATA", "encrypt");
        env.put("BF_CONTENT_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        return env;
    }

    /** Makes at least one row in every table of the schema through the HTTP API; returns the admin token. */
    static String fill(Api api) {
        String admin = api.admin();
        People people = identity(api, admin);
        project(api, admin, people);
        Plan plan = planning(api, admin);
        String workItem = workItems(api, admin, plan.card());
        String repository = repositories(api, admin, people.agent());
        Run run = orchestration(api, admin, people, plan, repository);
        conversations(api, admin, people, workItem);
        memory(api, people.agent(), plan, run);
        jobsAndTelemetry(api, admin);
        return admin;
    }

    /**
     * users, user_roles, roles, role_permissions (and the seeded permissions), identity_links, api_tokens,
     * login_throttles, sessions.
     */
    private static People identity(Api api, String admin) {
        String role = id(post(
                201,
                api,
                "/api/roles",
                admin,
                Map.of("name", "copy-auditor", "description", TITLE, "permissions", List.of("factory.audit.read"))));
        expect(
                200,
                api,
                "POST",
                "/api/roles/" + role + "/permissions",
                admin,
                Map.of("permission", "factory.telemetry.read"));
        String reviewerId = id(post(
                201,
                api,
                "/api/users",
                admin,
                Map.of(
                        "email",
                        REVIEWER_EMAIL,
                        "displayName",
                        "Zoë Überprüfer — 検証",
                        "kind",
                        "human",
                        "password",
                        PASSWORD,
                        "roles",
                        List.of("maintainer"))));
        expect(200, api, "POST", "/api/users/" + reviewerId + "/roles", admin, Map.of("roleId", role));
        post(
                201,
                api,
                "/api/users/" + reviewerId + "/identity-links",
                admin,
                Map.of(
                        "provider",
                        "github",
                        "subject",
                        "4242",
                        "email",
                        REVIEWER_EMAIL,
                        "profile",
                        Map.of("login", "zoë", "name", TITLE)));
        String agent = api.issueToken(admin, api.createAgent(admin, "builder@agents.example.com", "agent"));

        // A failed login counts against its account and its address; nobody logs in as this email, so its row
        // stays (a success clears only its own account's row), and one failure is far below any block.
        expect(
                401,
                api,
                "POST",
                "/api/auth/login",
                null,
                Map.of("email", "nobody@example.com", "password", "not-anyones-passphrase"));
        String reviewer = api.logIn(REVIEWER_EMAIL, PASSWORD);
        expect(204, api, "POST", "/api/auth/logout", api.logIn(REVIEWER_EMAIL, PASSWORD), null); // an ended session
        return new People(reviewerId, reviewer, agent);
    }

    /** projects, project_members. */
    private static void project(Api api, String admin, People people) {
        post(
                201,
                api,
                "/api/projects",
                admin,
                Map.of(
                        "key",
                        KEY,
                        "name",
                        TITLE,
                        "description",
                        MULTILINE,
                        "repoUrl",
                        "https://github.com/acme/factory.git"));
        post(
                201,
                api,
                "/api/projects/" + KEY + "/members",
                admin,
                Map.of("userId", people.reviewerId(), "roleId", api.roleId(admin, "contributor")));
    }

    /**
     * workflows, workflow_activities, cards, card_requirements, card_known_facts, card_assumptions,
     * card_questions, card_planned_files, context_artifacts (the large text), card_context_artifacts,
     * system_policy_profiles, planning_actions (one with an idempotency key).
     */
    private static Plan planning(Api api, String admin) {
        String project = "/api/projects/" + KEY;
        String workflow = id(post(
                201,
                api,
                project + "/workflows",
                admin,
                Map.of("name", TITLE, "description", MULTILINE),
                "Idempotency-Key",
                "copy-workflow-1"));
        String activity = id(post(
                201,
                api,
                "/api/workflows/" + workflow + "/activities",
                admin,
                Map.of("name", "Bauen ✓", "color", "#1f6feb")));
        String card = id(post(
                201,
                api,
                "/api/activities/" + activity + "/cards",
                admin,
                Map.of("title", TITLE, "description", MULTILINE, "priority", "high")));

        String knowledge = "/api/cards/" + card + "/knowledge";
        post(201, api, knowledge, admin, Map.of("kind", "requirement", "text", MULTILINE, "source", "Lastenheft §3"));
        post(
                201,
                api,
                knowledge,
                admin,
                Map.of("kind", "known-fact", "text", "Kunden nutzen Excel", "confidence", 80, "source", "Umfrage"));
        post(201, api, knowledge, admin, Map.of("kind", "assumption", "text", "UTF-8 genügt — 検証", "confidence", 60));
        String question = id(post(201, api, knowledge, admin, Map.of("kind", "question", "text", "Welche Kodierung?")));
        expect(200, api, "PATCH", "/api/knowledge/" + question, admin, Map.of("version", 1, "answer", "UTF-8 ✓"));
        post(
                201,
                api,
                "/api/cards/" + card + "/planned-files",
                admin,
                Map.of(
                        "logicalPath",
                        PLANNED_FILE,
                        "moduleHint",
                        "export",
                        "artifactKind",
                        "source",
                        "action",
                        "create",
                        "intentSummary",
                        "der Exporter — 検証",
                        "contractNotes",
                        MULTILINE));

        String artifact = id(post(
                201, api, project + "/artifacts", admin, Map.of("type", "document", "title", TITLE, "content", LARGE)));
        expect(201, api, "PUT", "/api/cards/" + card + "/artifacts/" + artifact, admin, null);
        // before any run: a run freezes the profile it starts under
        expect(
                200,
                api,
                "PUT",
                project + "/policy-profile",
                admin,
                Map.of(
                        "version",
                        0,
                        "requiredChecks",
                        List.of(REQUIRED_CHECK),
                        "allowedPaths",
                        List.of("src/**", "docs/**"),
                        "forbiddenPaths",
                        List.of(".github/**"),
                        "signalsStaleAfterSeconds",
                        600));
        return new Plan(workflow, card);
    }

    /**
     * work_items (one linked to the card), work_item_counters, work_item_dependencies, work_item_history,
     * work_item_action_requests, project_policies. Returns the first item's id.
     */
    private static String workItems(Api api, String admin, String card) {
        JsonNode first = post(
                201,
                api,
                ITEMS,
                admin,
                Map.of(
                        "projectKey",
                        KEY,
                        "title",
                        TITLE,
                        "description",
                        MULTILINE,
                        "workType",
                        "feature",
                        "source",
                        "Überprüfung",
                        "branch",
                        "bf/copy-1",
                        "validationCommand",
                        "./mvnw verify",
                        "pullRequest",
                        Map.of("url", "https://github.com/acme/factory/pull/1", "state", "open"),
                        "doneCriteria",
                        List.of(Map.of("statement", "kopiert — 検証 ✓", "met", false)),
                        "promptContext",
                        Map.of("path", "./prompts/copy.md", "text", MULTILINE)));
        String key = first.get("key").asText();
        String second = post(
                        201,
                        api,
                        ITEMS,
                        admin,
                        Map.of(
                                "projectKey",
                                KEY,
                                "title",
                                "hängt ab von " + key,
                                "workType",
                                "chore",
                                "dependencies",
                                List.of(key)))
                .get("key")
                .asText();
        // linked but never started, so no handoff job queues a second run of the card
        expect(200, api, "PUT", ITEMS + "/" + second + "/card", admin, Map.of("cardId", card));
        // record-history snapshots the item (it has the prompt context the gate asks for); its key keeps the outcome
        expect(
                200,
                api,
                "POST",
                ITEMS + "/" + key + "/actions/record-history",
                admin,
                null,
                "Idempotency-Key",
                "copy-history-1");
        expect(
                200,
                api,
                "PUT",
                "/api/control-plane/projects/" + KEY + "/policy",
                admin,
                Map.of("version", 0, "gates", Map.of("mark-ready", Map.of("lane-eligibility", "evaluate"))));
        return first.get("id").asText();
    }

    /**
     * repositories, repository_leases, object_metadata, repository_relationships, mirrors. Returns a repository
     * whose lease is free again, for an execution to take.
     */
    private static String repositories(Api api, String admin, String agent) {
        String project = "/api/projects/" + KEY + "/repositories";
        String factory = id(post(
                201,
                api,
                project,
                admin,
                Map.of("name", "factory", "visibility", "internal", "storageLocation", "s3://copy/factory")));
        String docs =
                id(post(201, api, project, admin, Map.of("name", "factory-docs", "storageLocation", "s3://copy/docs")));
        String repository = "/api/repositories/" + factory;
        long token = post(201, api, repository + "/lease", agent, null)
                .get("fencingToken")
                .asLong();
        expect(
                201,
                api,
                "PUT",
                repository + "/objects/" + "ab".repeat(32),
                agent,
                Map.of(
                        "size",
                        2048,
                        "contentType",
                        "text/plain; charset=utf-8",
                        "storageKey",
                        "objects/ab/Überprüfung ✓",
                        "fencingToken",
                        token));
        post(
                201,
                api,
                repository + "/relationships",
                agent,
                Map.of("kind", "depends-on", "targetId", docs, "fencingToken", token));
        // An internal address this server does not sync with: the sync that adding queues fails at once, before it
        // touches the disk (BF_GIT_ROOT) or the network; waiting for it leaves the mirror settled, not mid-sync.
        String mirror = id(post(
                201,
                api,
                repository + "/mirrors",
                agent,
                Map.of(
                        "remoteUrl",
                        "git://127.0.0.1:9/factory.git",
                        "intervalSeconds",
                        3600,
                        "prune",
                        true,
                        "fencingToken",
                        token)));
        await(
                api,
                agent,
                repository + "/mirrors/" + mirror,
                m -> m.hasNonNull("lastSyncAt"),
                "the mirror's first sync");
        expect(204, api, "DELETE", repository + "/lease?token=" + token, agent, null);
        return factory;
    }

    /**
     * orchestration_runs, card_assignments, agent_executions (holding the repository's lease), agent_commits,
     * run_checks (a required and an optional one), pull_request_candidates, approval_requests.
     */
    private static Run orchestration(Api api, String admin, People people, Plan plan, String repository) {
        String run = post(
                        201,
                        api,
                        "/api/projects/" + KEY + "/runs",
                        admin,
                        Map.of("scope", "card", "cardId", plan.card()))
                .get("run")
                .get("id")
                .asText();
        String agent = people.agent();
        JsonNode claim = post(
                200, api, "/api/projects/" + KEY + "/assignments/claim", agent, Map.of("repositoryId", repository));
        String execution = claim.get("execution").get("id").asText();
        String assignment = claim.get("assignment").get("id").asText();
        long token = claim.get("execution").get("fencingToken").asLong();

        post(
                200,
                api,
                "/api/executions/" + execution + "/heartbeat",
                agent,
                Map.of("inputTokens", 1200, "outputTokens", 300, "costMicros", 45000));
        // the one file the card plans, so the commit is within its allowed paths and nothing holds the candidate
        post(
                201,
                api,
                "/api/executions/" + execution + "/commits",
                agent,
                Map.of(
                        "sha",
                        "0123456789abcdef0123456789abcdef01234567",
                        "message",
                        MULTILINE,
                        "author",
                        "Zoë Builder",
                        "files",
                        List.of(Map.of("path", PLANNED_FILE, "change", "added")),
                        "fencingToken",
                        token));
        String checks = "/api/runs/" + run + "/checks";
        post(200, api, checks, agent, Map.of("name", REQUIRED_CHECK, "status", "running"));
        post(
                200,
                api,
                checks,
                agent,
                Map.of("name", REQUIRED_CHECK, "status", "passed", "detailsUrl", "https://ci.example.com/builds/1"));
        post(200, api, checks, agent, Map.of("name", "lint", "status", "skipped"));

        String candidate = id(post(
                201,
                api,
                "/api/assignments/" + assignment + "/candidate",
                agent,
                Map.of("title", TITLE, "body", MULTILINE)));
        String moves = "/api/candidates/" + candidate + "/transitions";
        post(200, api, moves, agent, Map.of("state", "ready", "version", 1));
        String approval = id(post(201, api, "/api/candidates/" + candidate + "/approvals", agent, null));
        // four eyes: a person who did not execute the assignment decides
        post(
                200,
                api,
                "/api/approvals/" + approval + "/decision",
                people.reviewer(),
                Map.of("approve", true, "reason", "Geprüft ✓ — 検証"));
        post(
                200,
                api,
                moves,
                agent,
                Map.of("state", "opened", "url", "https://github.com/acme/factory/pull/9", "version", 2));
        post(200, api, moves, agent, Map.of("state", "merged", "version", 3));
        post(
                200,
                api,
                "/api/executions/" + execution + "/finish",
                agent,
                Map.of("status", "succeeded", "exitReason", "fertig ✓"));
        return new Run(run, execution);
    }

    /**
     * conversations (linked to a work item, under legal hold), conversation_participants, exchange_records (one
     * with an AWS key the scanner redacts or seals), conversation_history, retention_policies.
     */
    private static void conversations(Api api, String admin, People people, String workItem) {
        String conversation = id(post(
                201,
                api,
                "/api/conversations",
                admin,
                Map.of("title", TITLE, "projectKey", KEY, "workItemId", workItem)));
        String base = "/api/conversations/" + conversation;
        expect(200, api, "PUT", base + "/participants/" + people.reviewerId(), admin, Map.of("role", "editor"));
        JsonNode exchange = post(
                201,
                api,
                base + "/exchanges",
                admin,
                Map.of(
                        "agentId",
                        "agent-1",
                        "request",
                        "Deploy mit " + AWS_KEY + " — bitte prüfen:\n\tC:\\deploy\\überprüfung ✓"));
        assertFalse(
                exchange.get("request").asText().contains(AWS_KEY),
                () -> "the scanner takes the key out before storing: " + exchange);
        String transitions = base + "/exchanges/" + exchange.get("id").asText() + "/transitions";
        post(200, api, transitions, admin, Map.of("state", "in-progress"));
        post(
                200,
                api,
                transitions,
                admin,
                Map.of(
                        "state",
                        "completed",
                        "response",
                        "Erledigt — 検証 ✓\n\tkeine Geheimnisse",
                        "inputTokens",
                        12,
                        "outputTokens",
                        7));
        expect(
                200,
                api,
                "PUT",
                "/api/retention-policies",
                admin,
                Map.of("scope", "project", "target", KEY, "keepDays", 90));
        expect(204, api, "PUT", base + "/legal-hold", admin, Map.of("held", true, "reason", "Fall LH-1 — 検証"));
    }

    /** memory_units (with an AWS key the scanner redacts or seals), memory_unit_relations, memory_retrievals. */
    private static void memory(Api api, String agent, Plan plan, Run run) {
        String unit = id(post(
                201,
                api,
                "/api/projects/" + KEY + "/memory",
                agent,
                Map.of(
                        "kind",
                        "lesson",
                        "source",
                        "Ausführung " + run.execution(),
                        "content",
                        "Leases rechtzeitig erneuern — 検証 ✓\n\tder Schlüssel " + AWS_KEY + " wurde rotiert",
                        "scopes",
                        List.of(
                                Map.of("scope", "workflow", "id", plan.workflow()),
                                Map.of("scope", "card", "id", plan.card())))));
        post(201, api, "/api/memory/" + unit + "/scopes", agent, Map.of("scope", "run", "id", run.id()));
        // a search names the execution it serves, so the retrieval log row references both the run and the execution
        JsonNode answer = post(
                200,
                api,
                "/api/projects/" + KEY + "/memory/search",
                agent,
                Map.of("query", "leases erneuern", "executionId", run.execution()));
        assertEquals(run.id(), answer.get("runId").asText(), answer::toString);
    }

    /**
     * telemetry_events, telemetry_ingestion_warnings, job_schedules, jobs, and audit_events (which every change
     * above wrote). The first four are written in the background and waited for.
     */
    private static void jobsAndTelemetry(Api api, String admin) {
        JsonNode batch = post(
                202,
                api,
                "/api/telemetry/events",
                admin,
                Map.of(
                        "events",
                        List.of(
                                Map.of(
                                        "eventType",
                                        "launch.started",
                                        "payload",
                                        Map.of("product", TITLE, "note", MULTILINE)),
                                // no such namespace: rejected, and the writer records the rejection as a warning
                                Map.of("eventType", "metrics.cpu", "payload", Map.of()))));
        assertEquals(1, batch.get("rejected").asInt(), batch::toString);
        await(
                api,
                admin,
                "/api/telemetry/events?typePrefix=launch.",
                page -> !page.get("items").isEmpty(),
                "the telemetry writer storing the client's event");
        await(
                api,
                admin,
                "/api/telemetry/stats",
                stats -> !stats.get("recentWarnings").isEmpty(),
                "the telemetry writer recording the rejected event");
        // a schedule moves its job_schedules row and enqueues its job in one transaction, from the server's start
        await(
                api,
                admin,
                "/api/jobs?type=session.sweep",
                page -> !page.get("items").isEmpty(),
                "the session sweep's first scheduled job");
        await(
                api,
                admin,
                "/api/audit/events?limit=1",
                page -> !page.get("items").isEmpty(),
                "an audit entry");
    }

    /** {@code method path} as {@code token}, which must answer {@code status}; a wrong answer fails naming the call. */
    private static HttpResult expect(
            int status, Api api, String method, String path, String token, Object body, String... headers) {
        HttpResult response = api.call(method, path, token, body, headers);
        assertEquals(status, response.status(), () -> method + " " + path + ": " + response.body());
        return response;
    }

    /** A POST that must answer {@code status}; its JSON answer. */
    private static JsonNode post(int status, Api api, String path, String token, Object body, String... headers) {
        return expect(status, api, "POST", path, token, body, headers).json();
    }

    private static String id(JsonNode created) {
        return created.get("id").asText();
    }

    /** Reads {@code path} until {@code done} holds of its answer: what runs in the background shows up late. */
    private static void await(Api api, String token, String path, Predicate<JsonNode> done, String what) {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (true) {
            JsonNode now = expect(200, api, "GET", path, token, null).json();
            if (done.test(now)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                fail(what + " did not show within " + PATIENCE.toSeconds() + " s: " + now);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String large(int atLeast) {
        StringBuilder text = new StringBuilder(atLeast + 100);
        for (int line = 1; text.length() < atLeast; line++) {
            text.append("Zeile ").append(line).append(": Überprüfung — 検証 ✓\tC:\\pfad\\datei \"zitiert\"\n");
        }
        return text.append("Ende").toString();
    }
}
