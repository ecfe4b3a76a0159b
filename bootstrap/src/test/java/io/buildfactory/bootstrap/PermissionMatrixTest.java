package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every seeded role against every route that needs a caller: the status each cell must get. The table is the
 * specification (docs/identity.md); it is written out by hand, not derived from the routes' declarations.
 */
class PermissionMatrixTest {

    static final List<String> ROLES = List.of("admin", "maintainer", "contributor", "viewer", "agent");
    static final String PASSWORD = "matrix-passphrase-1";

    /** A call to make as a role, given the ids the setup made; and the status per role. */
    record Cell(String route, Function<World, HttpResult> call, Map<String, Integer> expected) {}

    /** What exists before each call: a target person, a target agent, a custom role. */
    record World(
            Api api,
            String admin,
            String caller,
            String person,
            String agent,
            String customRole,
            String viewerRole,
            int n,
            BuildFactory app) {

        /** A fresh project made by the administrator; returns the API to chain the call that needs it. */
        Api project(String key) {
            api.project(admin, key);
            return api;
        }

        /** A fresh work item in the backlog (made by the administrator); returns its key. */
        String workItem() {
            return api.post(
                            "/api/control-plane/items",
                            admin,
                            Map.of("projectKey", "MX", "title", "item " + n, "workType", "chore"))
                    .json()
                    .get("key")
                    .asText();
        }

        /** A workflow in MX (made by the administrator); returns its id. */
        String workflow() {
            return made("/api/projects/MX/workflows", Map.of("name", "matrix " + n));
        }

        /** An activity of a fresh workflow in MX. */
        String activity() {
            return made("/api/workflows/" + workflow() + "/activities", Map.of("name", "a " + n));
        }

        /** A card in a fresh activity in MX. */
        String card() {
            return made("/api/activities/" + activity() + "/cards", Map.of("title", "c " + n));
        }

        String knowledge() {
            return made("/api/cards/" + card() + "/knowledge", Map.of("kind", "requirement", "text", "r " + n));
        }

        String plannedFile() {
            return made(
                    "/api/cards/" + card() + "/planned-files",
                    Map.of("logicalPath", "f.txt", "artifactKind", "doc", "action", "create", "intentSummary", "i"));
        }

        String artifact() {
            return made("/api/projects/MX/artifacts", Map.of("type", "snippet", "title", "t", "content", "c"));
        }

        /** A repository of MX, made by the administrator. */
        String repository() {
            return made(
                    "/api/projects/MX/repositories",
                    Map.of("name", "repo-" + n + "-" + System.nanoTime(), "storageLocation", "s3://mx"));
        }

        /** A repository of MX holding the object b…b, recorded by the administrator under a lease since released. */
        String repositoryWithObject() {
            String repository = repository();
            long token = api.post("/api/repositories/" + repository + "/lease", admin, null)
                    .json()
                    .get("fencingToken")
                    .asLong();
            api.call(
                    "PUT",
                    "/api/repositories/" + repository + "/objects/" + "b".repeat(64),
                    admin,
                    Map.of("size", 1, "contentType", "text/plain", "storageKey", "k", "fencingToken", token));
            api.call("DELETE", "/api/repositories/" + repository + "/lease?token=" + token, admin, null);
            return repository;
        }

        /**
         * A repository of MX and a mirror of it ("repository/mirror"), added by the administrator under a lease since
         * released. Its remote refuses connections at once, so a sync fails fast and touches nothing.
         */
        String[] repositoryWithMirror() {
            String repository = repository();
            long token = api.post("/api/repositories/" + repository + "/lease", admin, null)
                    .json()
                    .get("fencingToken")
                    .asLong();
            String mirror = made(
                    "/api/repositories/" + repository + "/mirrors",
                    Map.of("remoteUrl", "git://127.0.0.1:9/mx.git", "fencingToken", token));
            api.call("DELETE", "/api/repositories/" + repository + "/lease?token=" + token, admin, null);
            return new String[] {repository, mirror};
        }

        /** The lease of the repository: the caller's when they may take it, else the administrator's; its token. */
        long leaseFor(String repository) {
            HttpResult mine = api.post("/api/repositories/" + repository + "/lease", caller, null);
            HttpResult granted =
                    mine.status() == 201 ? mine : api.post("/api/repositories/" + repository + "/lease", admin, null);
            if (granted.status() != 201) {
                throw new AssertionError("no lease: " + granted.body());
            }
            return granted.json().get("fencingToken").asLong();
        }

        /** A memory unit of MX (written by the administrator) that a search for "matrix" finds. */
        String memoryUnit() {
            return made(
                    "/api/projects/MX/memory", Map.of("kind", "fact", "source", "matrix", "content", "matrix " + n));
        }

        String made(String path, Map<String, Object> body) {
            HttpResult r = api.post(path, admin, body);
            if (r.status() != 201) {
                throw new AssertionError(path + ": " + r.body());
            }
            // a run answers with its detail: the id is the run's
            return (r.json().has("id") ? r.json() : r.json().get("run"))
                    .get("id")
                    .asText();
        }

        /** A run of a fresh card in MX, queued by the administrator; returns its id. */
        String run() {
            return made("/api/projects/MX/runs", Map.of("scope", "card", "cardId", card()));
        }

        /**
         * A running execution: the caller's own when they may claim (an execution is reported by its agent
         * only), else the administrator's.
         */
        String execution() {
            run();
            HttpResult mine = api.post("/api/projects/MX/assignments/claim", caller, null);
            HttpResult claimed =
                    mine.status() == 200 ? mine : api.post("/api/projects/MX/assignments/claim", admin, null);
            if (claimed.status() != 200) {
                throw new AssertionError("no claim: " + claimed.body());
            }
            return claimed.json().get("execution").get("id").asText();
        }

        /** An assignment the administrator claimed (so it has an execution, and an author). */
        String assignment() {
            run();
            HttpResult claimed = api.post("/api/projects/MX/assignments/claim", admin, null);
            if (claimed.status() != 200) {
                throw new AssertionError("no claim: " + claimed.body());
            }
            return claimed.json().get("assignment").get("id").asText();
        }

        /** A draft candidate of a fresh assignment. */
        String candidate() {
            return made("/api/assignments/" + assignment() + "/candidate", Map.of("title", "c " + n));
        }

        /** An open approval request of a ready candidate (MX requires no checks, so nothing holds it). */
        String approval() {
            String candidate = candidate();
            HttpResult ready = api.post(
                    "/api/candidates/" + candidate + "/transitions", admin, Map.of("state", "ready", "version", 1));
            if (ready.status() != 200) {
                throw new AssertionError("not ready: " + ready.body());
            }
            HttpResult asked = api.post("/api/candidates/" + candidate + "/approvals", admin, null);
            if (asked.status() != 201) {
                throw new AssertionError("no approval: " + asked.body());
            }
            return asked.json().get("id").asText();
        }

        /** A conversation the administrator owns, with one exchange; returns its id. */
        String conversation() {
            String id = api.post("/api/conversations", admin, Map.of("title", "matrix " + n))
                    .json()
                    .get("id")
                    .asText();
            api.post(
                    "/api/conversations/" + id + "/exchanges", admin, Map.of("agentId", "agent-1", "request", "hello"));
            return id;
        }

        /** The first exchange of a conversation. */
        String exchange(String conversation) {
            return api.get("/api/conversations/" + conversation + "/exchanges", admin)
                    .json()
                    .get("items")
                    .get(0)
                    .get("id")
                    .asText();
        }

        /** A job in the queue, for cancelling. */
        String queuedJob() {
            return app.enqueueJob()
                    .enqueue(new EnqueueJobUseCase.NewJob(
                            "matrix.later",
                            "{}",
                            0,
                            java.util.Optional.of(java.time.Instant.now().plusSeconds(3600)),
                            1,
                            java.util.Optional.empty()))
                    .id()
                    .toString();
        }

        /** A job the workers failed (nobody handles its type), for retrying. */
        String failedJob() {
            String id = app.enqueueJob()
                    .enqueue(EnqueueJobUseCase.NewJob.of("matrix.unhandled", "{}"))
                    .id()
                    .toString();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!api.get("/api/jobs/" + id, admin)
                    .json()
                    .get("state")
                    .asText()
                    .equals("failed")) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the workers did not fail job " + id);
                }
                Thread.onSpinWait();
            }
            return id;
        }
    }

    static Map<String, Integer> statuses(int admin, int maintainer, int contributor, int viewer, int agent) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("admin", admin);
        m.put("maintainer", maintainer);
        m.put("contributor", contributor);
        m.put("viewer", viewer);
        m.put("agent", agent);
        return m;
    }

    static List<Cell> cells() {
        return List.of(
                new Cell(
                        "GET /api/auth/session",
                        w -> w.api().get("/api/auth/session", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "POST /api/auth/password",
                        w -> w.api()
                                .post(
                                        "/api/auth/password",
                                        w.caller(),
                                        Map.of("currentPassword", PASSWORD, "newPassword", PASSWORD + "x")),
                        statuses(204, 204, 204, 204, 409)),
                new Cell(
                        "POST /api/auth/logout",
                        w -> w.api().post("/api/auth/logout", w.caller(), null),
                        statuses(204, 204, 204, 204, 409)),
                new Cell(
                        "POST /api/auth/logout-all",
                        w -> w.api().post("/api/auth/logout-all", w.caller(), null),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/users",
                        w -> w.api().get("/api/users", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "POST /api/users",
                        w -> w.api()
                                .post(
                                        "/api/users",
                                        w.caller(),
                                        Map.of("email", "new" + w.n() + "@example.com", "kind", "agent")),
                        statuses(201, 403, 403, 403, 403)),
                new Cell(
                        "GET /api/users/{id}",
                        w -> w.api().get("/api/users/" + w.person(), w.caller()),
                        statuses(200, 200, 404, 404, 404)),
                new Cell(
                        "PATCH /api/users/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/users/" + w.person(),
                                        w.caller(),
                                        Map.of("version", 1, "displayName", "Renamed")),
                        statuses(200, 403, 404, 404, 404)),
                new Cell(
                        "POST /api/users/{id}/roles",
                        w -> w.api()
                                .post(
                                        "/api/users/" + w.person() + "/roles",
                                        w.caller(),
                                        Map.of("roleId", w.customRole())),
                        statuses(200, 403, 403, 403, 403)),
                new Cell(
                        "DELETE /api/users/{id}/roles/{roleId}",
                        w -> w.api()
                                .call(
                                        "DELETE",
                                        "/api/users/" + w.person() + "/roles/" + w.viewerRole(),
                                        w.caller(),
                                        null),
                        statuses(200, 403, 403, 403, 403)),
                new Cell(
                        "GET /api/roles",
                        w -> w.api().get("/api/roles", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "POST /api/roles",
                        w -> w.api()
                                .post(
                                        "/api/roles",
                                        w.caller(),
                                        Map.of("name", "role-" + w.n(), "permissions", List.of("factory.job.read"))),
                        statuses(201, 403, 403, 403, 403)),
                new Cell(
                        "POST /api/roles/{id}/permissions",
                        w -> w.api()
                                .post(
                                        "/api/roles/" + w.customRole() + "/permissions",
                                        w.caller(),
                                        Map.of("permission", "factory.job.manage")),
                        statuses(200, 403, 403, 403, 403)),
                new Cell(
                        "DELETE /api/roles/{id}/permissions/{permission}",
                        w -> w.api()
                                .call(
                                        "DELETE",
                                        "/api/roles/" + w.customRole() + "/permissions/factory.job.read",
                                        w.caller(),
                                        null),
                        statuses(200, 403, 403, 403, 403)),
                new Cell(
                        "GET /api/permissions",
                        w -> w.api().get("/api/permissions", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "GET /api/users/{id}/identity-links",
                        w -> w.api().get("/api/users/" + w.person() + "/identity-links", w.caller()),
                        statuses(200, 200, 404, 404, 404)),
                new Cell(
                        "POST /api/users/{id}/identity-links",
                        w -> w.api()
                                .post(
                                        "/api/users/" + w.person() + "/identity-links",
                                        w.caller(),
                                        Map.of("provider", "github", "subject", "s-" + w.n())),
                        statuses(201, 403, 404, 404, 404)),
                new Cell(
                        "DELETE /api/users/{id}/identity-links/{linkId}",
                        w -> {
                            String link = w.api()
                                    .post(
                                            "/api/users/" + w.person() + "/identity-links",
                                            w.admin(),
                                            Map.of("provider", "gitlab", "subject", "d-" + w.n()))
                                    .json()
                                    .get("id")
                                    .asText();
                            return w.api()
                                    .call(
                                            "DELETE",
                                            "/api/users/" + w.person() + "/identity-links/" + link,
                                            w.caller(),
                                            null);
                        },
                        statuses(204, 403, 404, 404, 404)),
                new Cell(
                        "GET /api/users/{id}/tokens",
                        w -> w.api().get("/api/users/" + w.agent() + "/tokens", w.caller()),
                        statuses(200, 403, 404, 404, 404)),
                new Cell(
                        "POST /api/users/{id}/tokens",
                        w -> w.api()
                                .post("/api/users/" + w.agent() + "/tokens", w.caller(), Map.of("name", "t-" + w.n())),
                        statuses(201, 403, 404, 404, 404)),
                new Cell(
                        "DELETE /api/users/{id}/tokens/{tokenId}",
                        w -> {
                            String token = w.api()
                                    .post("/api/users/" + w.agent() + "/tokens", w.admin(), Map.of("name", "d"))
                                    .json()
                                    .get("details")
                                    .get("id")
                                    .asText();
                            return w.api()
                                    .call("DELETE", "/api/users/" + w.agent() + "/tokens/" + token, w.caller(), null);
                        },
                        statuses(204, 403, 404, 404, 404)),
                new Cell(
                        "GET /api/audit/events",
                        w -> w.api().get("/api/audit/events?actionPrefix=auth.", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "GET /api/audit/events/export",
                        w -> w.api().get("/api/audit/events/export", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "GET /api/audit/verify",
                        w -> w.api().get("/api/audit/verify", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "POST /api/telemetry/events",
                        w -> w.api()
                                .post(
                                        "/api/telemetry/events",
                                        w.caller(),
                                        Map.of(
                                                "events",
                                                List.of(Map.of(
                                                        "eventType", "action.ui.click", "payload", Map.of("n", 1))))),
                        statuses(202, 202, 202, 403, 202)),
                new Cell(
                        "GET /api/telemetry/events",
                        w -> w.api().get("/api/telemetry/events", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "GET /api/telemetry/stats",
                        w -> w.api().get("/api/telemetry/stats", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell("GET /metrics", w -> w.api().get("/metrics", w.caller()), statuses(200, 200, 403, 403, 403)),
                new Cell("GET /api/jobs", w -> w.api().get("/api/jobs", w.caller()), statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/jobs/{id}",
                        w -> w.api().get("/api/jobs/" + w.queuedJob(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "POST /api/jobs/{id}/cancel",
                        w -> w.api().post("/api/jobs/" + w.queuedJob() + "/cancel", w.caller(), null),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "POST /api/jobs/{id}/retry",
                        w -> w.api().post("/api/jobs/" + w.failedJob() + "/retry", w.caller(), null),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "POST /api/projects",
                        w -> w.api().post("/api/projects", w.caller(), Map.of("key", "P" + w.n(), "name", "p" + w.n())),
                        statuses(201, 201, 403, 403, 403)),
                new Cell(
                        "GET /api/projects",
                        w -> w.api().get("/api/projects", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/projects/{key}",
                        w -> w.api().get("/api/projects/MX", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "PATCH /api/projects/{key}",
                        w -> {
                            w.api().project(w.admin(), "Q" + w.n());
                            return w.api()
                                    .call(
                                            "PATCH",
                                            "/api/projects/Q" + w.n(),
                                            w.caller(),
                                            Map.of("version", 1, "description", "changed"));
                        },
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "GET /api/projects/{key}/members",
                        w -> w.api().get("/api/projects/MX/members", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "POST /api/projects/{key}/members",
                        w -> w.api()
                                .post(
                                        "/api/projects/MX/members",
                                        w.caller(),
                                        Map.of("userId", w.person(), "roleId", w.viewerRole())),
                        statuses(201, 403, 403, 403, 403)),
                new Cell(
                        "DELETE /api/projects/{key}/members/{userId}/roles/{roleId}",
                        w -> {
                            w.api()
                                    .post(
                                            "/api/projects/MX/members",
                                            w.admin(),
                                            Map.of("userId", w.person(), "roleId", w.viewerRole()));
                            return w.api()
                                    .call(
                                            "DELETE",
                                            "/api/projects/MX/members/" + w.person() + "/roles/" + w.viewerRole(),
                                            w.caller(),
                                            null);
                        },
                        statuses(204, 403, 403, 403, 403)),
                new Cell(
                        "POST /api/control-plane/items",
                        w -> w.api()
                                .post(
                                        "/api/control-plane/items",
                                        w.caller(),
                                        Map.of("projectKey", "MX", "title", "t", "workType", "chore")),
                        statuses(201, 201, 201, 403, 403)),
                new Cell(
                        "GET /api/control-plane/items",
                        w -> w.api().get("/api/control-plane/items", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/control-plane/items/{id}",
                        w -> w.api().get("/api/control-plane/items/" + w.workItem(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "PATCH /api/control-plane/items/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/control-plane/items/" + w.workItem(),
                                        w.caller(),
                                        Map.of("version", 1, "title", "renamed")),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "GET /api/control-plane/items/{id}/history",
                        w -> w.api().get("/api/control-plane/items/" + w.workItem() + "/history", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "POST /api/control-plane/items/{id}/actions/{action}",
                        w -> w.api()
                                .post(
                                        "/api/control-plane/items/" + w.workItem() + "/actions/mark-ready",
                                        w.caller(),
                                        null),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "GET /api/control-plane/projects/{key}/policy",
                        w -> w.api().get("/api/control-plane/projects/MX/policy", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "PUT /api/control-plane/projects/{key}/policy",
                        w -> w.project("PP" + w.n())
                                .call(
                                        "PUT",
                                        "/api/control-plane/projects/PP" + w.n() + "/policy",
                                        w.caller(),
                                        Map.of(
                                                "version",
                                                0,
                                                "gates",
                                                Map.of("mark-ready", Map.of("lane-eligibility", "evaluate")))),
                        statuses(200, 200, 403, 403, 403)),
                // Conversations: the administrator owns the one each call is about, so every caller is a stranger to
                // it. Strangers are told it does not exist; read-any without a stated reason is a 400.
                new Cell(
                        "POST /api/conversations",
                        w -> w.api().post("/api/conversations", w.caller(), Map.of("title", "mine")),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "GET /api/conversations",
                        w -> w.api().get("/api/conversations", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/conversations/{id}",
                        w -> w.api().get("/api/conversations/" + w.conversation(), w.caller()),
                        statuses(400, 404, 404, 404, 404)),
                new Cell(
                        "PATCH /api/conversations/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/conversations/" + w.conversation(),
                                        w.caller(),
                                        Map.of("version", 1, "title", "renamed")),
                        statuses(404, 404, 404, 404, 404)),
                new Cell(
                        "DELETE /api/conversations/{id}",
                        w -> w.api().call("DELETE", "/api/conversations/" + w.conversation(), w.caller(), null),
                        statuses(404, 404, 404, 404, 404)),
                new Cell(
                        "PUT /api/conversations/{id}/participants/{userId}",
                        w -> w.api()
                                .call(
                                        "PUT",
                                        "/api/conversations/" + w.conversation() + "/participants/" + w.person(),
                                        w.caller(),
                                        Map.of("role", "viewer")),
                        statuses(404, 404, 404, 404, 404)),
                new Cell(
                        "DELETE /api/conversations/{id}/participants/{userId}",
                        w -> w.api()
                                .call(
                                        "DELETE",
                                        "/api/conversations/" + w.conversation() + "/participants/" + w.person(),
                                        w.caller(),
                                        null),
                        statuses(404, 404, 404, 404, 404)),
                new Cell(
                        "PUT /api/conversations/{id}/legal-hold",
                        w -> w.api()
                                .call(
                                        "PUT",
                                        "/api/conversations/" + w.conversation() + "/legal-hold",
                                        w.caller(),
                                        Map.of("held", true, "reason", "case LH-" + w.n())),
                        statuses(204, 204, 403, 403, 403)),
                new Cell(
                        "GET /api/conversations/{id}/exchanges",
                        w -> w.api().get("/api/conversations/" + w.conversation() + "/exchanges", w.caller()),
                        statuses(400, 404, 404, 404, 404)),
                new Cell(
                        "POST /api/conversations/{id}/exchanges",
                        w -> w.api()
                                .post(
                                        "/api/conversations/" + w.conversation() + "/exchanges",
                                        w.caller(),
                                        Map.of("agentId", "a", "request", "hi")),
                        statuses(404, 404, 404, 404, 404)),
                new Cell(
                        "POST /api/conversations/{id}/exchanges/{exchangeId}/transitions",
                        w -> {
                            String c = w.conversation();
                            return w.api()
                                    .post(
                                            "/api/conversations/" + c + "/exchanges/" + w.exchange(c) + "/transitions",
                                            w.caller(),
                                            Map.of("state", "in-progress"));
                        },
                        statuses(404, 404, 404, 404, 404)),
                new Cell(
                        "GET /api/conversations/{id}/exchanges/{exchangeId}/reveal",
                        w -> {
                            String c = w.conversation();
                            return w.api()
                                    .get(
                                            "/api/conversations/" + c + "/exchanges/" + w.exchange(c) + "/reveal",
                                            w.caller());
                        },
                        statuses(400, 403, 403, 403, 403)),
                new Cell(
                        "GET /api/conversations/{id}/history",
                        w -> w.api().get("/api/conversations/" + w.conversation() + "/history", w.caller()),
                        statuses(400, 404, 404, 404, 404)),
                new Cell(
                        "GET /api/conversations/{id}/export",
                        w -> w.api().get("/api/conversations/" + w.conversation() + "/export", w.caller()),
                        statuses(400, 404, 404, 404, 404)),
                new Cell(
                        "GET /api/users/{id}/conversations/export",
                        w -> w.api().get("/api/users/" + w.person() + "/conversations/export", w.caller()),
                        statuses(403, 403, 403, 403, 403)),
                new Cell(
                        "POST /api/users/{id}/erasure",
                        w -> w.api().post("/api/users/" + w.person() + "/erasure", w.caller(), null),
                        statuses(200, 403, 404, 404, 404)),
                new Cell(
                        "GET /api/retention-policies",
                        w -> w.api().get("/api/retention-policies", w.caller()),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "PUT /api/retention-policies",
                        w -> w.api()
                                .call(
                                        "PUT",
                                        "/api/retention-policies",
                                        w.caller(),
                                        Map.of("scope", "project", "target", "R" + w.n(), "keepDays", 30)),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "DELETE /api/retention-policies/{id}",
                        w -> {
                            String id = w.api()
                                    .call(
                                            "PUT",
                                            "/api/retention-policies",
                                            w.admin(),
                                            Map.of("scope", "project", "target", "D" + w.n(), "keepDays", 7))
                                    .json()
                                    .get("id")
                                    .asText();
                            return w.api().call("DELETE", "/api/retention-policies/" + id, w.caller(), null);
                        },
                        statuses(204, 204, 403, 403, 403)),
                new Cell(
                        "GET /api/control-plane/items/{id}/card",
                        w -> w.api().get("/api/control-plane/items/" + w.workItem() + "/card", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "PUT /api/control-plane/items/{id}/card",
                        w -> w.api()
                                .call(
                                        "PUT",
                                        "/api/control-plane/items/" + w.workItem() + "/card",
                                        w.caller(),
                                        Map.of("cardId", w.card())),
                        statuses(200, 200, 200, 403, 200)),
                // Repositories: maintainers and agents write under the lease, everyone reads
                new Cell(
                        "POST /api/projects/{key}/repositories",
                        w -> w.api()
                                .post(
                                        "/api/projects/MX/repositories",
                                        w.caller(),
                                        Map.of("name", "made-" + System.nanoTime(), "storageLocation", "s3://mx")),
                        statuses(201, 201, 403, 403, 201)),
                new Cell(
                        "GET /api/projects/{key}/repositories",
                        w -> w.api().get("/api/projects/MX/repositories", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/repositories/{id}",
                        w -> w.api().get("/api/repositories/" + w.repository(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "PATCH /api/repositories/{id}",
                        w -> {
                            String repository = w.repository();
                            long token = w.leaseFor(repository);
                            return w.api()
                                    .call(
                                            "PATCH",
                                            "/api/repositories/" + repository,
                                            w.caller(),
                                            Map.of("visibility", "public", "version", 1, "fencingToken", token));
                        },
                        statuses(200, 200, 403, 403, 200)),
                new Cell(
                        "POST /api/repositories/{id}/lease",
                        w -> w.api().post("/api/repositories/" + w.repository() + "/lease", w.caller(), null),
                        statuses(201, 201, 403, 403, 201)),
                new Cell(
                        "GET /api/repositories/{id}/lease",
                        w -> w.api().get("/api/repositories/" + w.repository() + "/lease", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "DELETE /api/repositories/{id}/lease",
                        w -> {
                            String repository = w.repository();
                            long token = w.leaseFor(repository);
                            return w.api()
                                    .call(
                                            "DELETE",
                                            "/api/repositories/" + repository + "/lease?token=" + token,
                                            w.caller(),
                                            null);
                        },
                        statuses(204, 204, 403, 403, 204)),
                new Cell(
                        "PUT /api/repositories/{id}/objects/{oid}",
                        w -> {
                            String repository = w.repository();
                            long token = w.leaseFor(repository);
                            return w.api()
                                    .call(
                                            "PUT",
                                            "/api/repositories/" + repository + "/objects/" + "a".repeat(64),
                                            w.caller(),
                                            Map.of(
                                                    "size",
                                                    1,
                                                    "contentType",
                                                    "text/plain",
                                                    "storageKey",
                                                    "k",
                                                    "fencingToken",
                                                    token));
                        },
                        statuses(201, 201, 403, 403, 201)),
                new Cell(
                        "GET /api/repositories/{id}/objects/{oid}",
                        w -> w.api()
                                .get(
                                        "/api/repositories/" + w.repositoryWithObject() + "/objects/" + "b".repeat(64),
                                        w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/repositories/{id}/objects",
                        w -> w.api().get("/api/repositories/" + w.repository() + "/objects", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "POST /api/repositories/{id}/relationships",
                        w -> {
                            String source = w.repository();
                            String target = w.repository();
                            long token = w.leaseFor(source);
                            return w.api()
                                    .post(
                                            "/api/repositories/" + source + "/relationships",
                                            w.caller(),
                                            Map.of("kind", "depends-on", "targetId", target, "fencingToken", token));
                        },
                        statuses(201, 201, 403, 403, 201)),
                new Cell(
                        "GET /api/repositories/{id}/relationships",
                        w -> w.api().get("/api/repositories/" + w.repository() + "/relationships", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "DELETE /api/repositories/{id}/relationships/{kind}/{targetId}",
                        w -> {
                            String source = w.repository();
                            String target = w.repository();
                            long adminToken = w.api()
                                    .post("/api/repositories/" + source + "/lease", w.admin(), null)
                                    .json()
                                    .get("fencingToken")
                                    .asLong();
                            w.api()
                                    .post(
                                            "/api/repositories/" + source + "/relationships",
                                            w.admin(),
                                            Map.of("kind", "fork-of", "targetId", target, "fencingToken", adminToken));
                            w.api()
                                    .call(
                                            "DELETE",
                                            "/api/repositories/" + source + "/lease?token=" + adminToken,
                                            w.admin(),
                                            null);
                            long token = w.leaseFor(source);
                            return w.api()
                                    .call(
                                            "DELETE",
                                            "/api/repositories/" + source + "/relationships/fork-of/" + target
                                                    + "?token=" + token,
                                            w.caller(),
                                            null);
                        },
                        statuses(204, 204, 403, 403, 204)),
                new Cell(
                        "POST /api/repositories/{id}/mirrors",
                        w -> {
                            String repository = w.repository();
                            long token = w.leaseFor(repository);
                            return w.api()
                                    .post(
                                            "/api/repositories/" + repository + "/mirrors",
                                            w.caller(),
                                            Map.of("remoteUrl", "git://127.0.0.1:9/mx.git", "fencingToken", token));
                        },
                        statuses(201, 201, 403, 403, 201)),
                new Cell(
                        "GET /api/repositories/{id}/mirrors",
                        w -> w.api().get("/api/repositories/" + w.repository() + "/mirrors", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/repositories/{id}/mirrors/{mirrorId}",
                        w -> {
                            String[] m = w.repositoryWithMirror();
                            return w.api().get("/api/repositories/" + m[0] + "/mirrors/" + m[1], w.caller());
                        },
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "PATCH /api/repositories/{id}/mirrors/{mirrorId}",
                        w -> {
                            String[] m = w.repositoryWithMirror();
                            long token = w.leaseFor(m[0]);
                            return w.api()
                                    .call(
                                            "PATCH",
                                            "/api/repositories/" + m[0] + "/mirrors/" + m[1],
                                            w.caller(),
                                            Map.of("enabled", false, "version", 1, "fencingToken", token));
                        },
                        statuses(200, 200, 403, 403, 200)),
                new Cell(
                        "DELETE /api/repositories/{id}/mirrors/{mirrorId}",
                        w -> {
                            String[] m = w.repositoryWithMirror();
                            long token = w.leaseFor(m[0]);
                            return w.api()
                                    .call(
                                            "DELETE",
                                            "/api/repositories/" + m[0] + "/mirrors/" + m[1] + "?token=" + token,
                                            w.caller(),
                                            null);
                        },
                        statuses(204, 204, 403, 403, 204)),
                new Cell(
                        "POST /api/repositories/{id}/mirrors/{mirrorId}/sync",
                        w -> {
                            String[] m = w.repositoryWithMirror();
                            return w.api()
                                    .post("/api/repositories/" + m[0] + "/mirrors/" + m[1] + "/sync", w.caller(), null);
                        },
                        statuses(202, 202, 403, 403, 202)),
                // Memory: everyone who may plan writes memory, viewers read it, every reader searches
                new Cell(
                        "POST /api/projects/{key}/memory",
                        w -> w.api()
                                .post(
                                        "/api/projects/MX/memory",
                                        w.caller(),
                                        Map.of("kind", "fact", "source", "matrix", "content", "fact " + w.n())),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "GET /api/projects/{key}/memory",
                        w -> w.api().get("/api/projects/MX/memory", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "POST /api/projects/{key}/memory/search",
                        w -> {
                            w.memoryUnit();
                            return w.api()
                                    .post("/api/projects/MX/memory/search", w.caller(), Map.of("query", "matrix"));
                        },
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/memory/{id}",
                        w -> w.api().get("/api/memory/" + w.memoryUnit(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "DELETE /api/memory/{id}",
                        w -> w.api().call("DELETE", "/api/memory/" + w.memoryUnit(), w.caller(), null),
                        statuses(204, 204, 204, 403, 204)),
                new Cell(
                        "POST /api/memory/{id}/scopes",
                        w -> w.api()
                                .post(
                                        "/api/memory/" + w.memoryUnit() + "/scopes",
                                        w.caller(),
                                        Map.of("scope", "card", "id", w.card())),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "DELETE /api/memory/{id}/scopes/{scope}/{scopeId}",
                        w -> {
                            String card = w.card();
                            String unit = w.made(
                                    "/api/projects/MX/memory",
                                    Map.of(
                                            "kind",
                                            "fact",
                                            "source",
                                            "matrix",
                                            "content",
                                            "scoped " + w.n(),
                                            "scopes",
                                            List.of(Map.of("scope", "card", "id", card))));
                            return w.api()
                                    .call("DELETE", "/api/memory/" + unit + "/scopes/card/" + card, w.caller(), null);
                        },
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "GET /api/runs/{id}/memory-retrievals",
                        w -> w.api().get("/api/runs/" + w.run() + "/memory-retrievals", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                // Orchestration: people start runs, agents execute them (only their own executions)
                new Cell(
                        "POST /api/projects/{key}/runs",
                        w -> w.api()
                                .post("/api/projects/MX/runs", w.caller(), Map.of("scope", "card", "cardId", w.card())),
                        statuses(201, 201, 201, 403, 403)),
                new Cell(
                        "GET /api/projects/{key}/runs",
                        w -> w.api().get("/api/projects/MX/runs", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/runs/{id}",
                        w -> w.api().get("/api/runs/" + w.run(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "POST /api/runs/{id}/cancel",
                        w -> w.api().post("/api/runs/" + w.run() + "/cancel", w.caller(), Map.of("version", 1)),
                        statuses(200, 200, 200, 403, 403)),
                new Cell(
                        "POST /api/projects/{key}/assignments/claim",
                        w -> {
                            w.run();
                            return w.api().post("/api/projects/MX/assignments/claim", w.caller(), null);
                        },
                        statuses(200, 403, 403, 403, 200)),
                new Cell(
                        "POST /api/executions/{id}/heartbeat",
                        w -> w.api()
                                .post(
                                        "/api/executions/" + w.execution() + "/heartbeat",
                                        w.caller(),
                                        Map.of("inputTokens", 1, "outputTokens", 1, "costMicros", 1)),
                        statuses(200, 403, 403, 403, 200)),
                new Cell(
                        "POST /api/executions/{id}/finish",
                        w -> w.api()
                                .post(
                                        "/api/executions/" + w.execution() + "/finish",
                                        w.caller(),
                                        Map.of("status", "succeeded")),
                        statuses(200, 403, 403, 403, 200)),
                new Cell(
                        "POST /api/executions/{id}/commits",
                        w -> w.api()
                                .post(
                                        "/api/executions/" + w.execution() + "/commits",
                                        w.caller(),
                                        Map.of("sha", "a".repeat(40), "message", "m", "author", "a")),
                        statuses(201, 403, 403, 403, 201)),
                new Cell(
                        "POST /api/runs/{id}/checks",
                        w -> w.api()
                                .post(
                                        "/api/runs/" + w.run() + "/checks",
                                        w.caller(),
                                        Map.of("name", "ci/build", "status", "passed")),
                        statuses(200, 403, 403, 403, 200)),
                new Cell(
                        "POST /api/assignments/{id}/candidate",
                        w -> w.api()
                                .post(
                                        "/api/assignments/" + w.assignment() + "/candidate",
                                        w.caller(),
                                        Map.of("title", "t")),
                        statuses(201, 403, 403, 403, 201)),
                new Cell(
                        "POST /api/candidates/{id}/transitions",
                        w -> w.api()
                                .post(
                                        "/api/candidates/" + w.candidate() + "/transitions",
                                        w.caller(),
                                        Map.of("state", "closed", "version", 1)),
                        statuses(200, 403, 403, 403, 200)),
                new Cell(
                        "POST /api/candidates/{id}/approvals",
                        w -> {
                            String candidate = w.candidate();
                            w.api()
                                    .post(
                                            "/api/candidates/" + candidate + "/transitions",
                                            w.admin(),
                                            Map.of("state", "ready", "version", 1));
                            return w.api().post("/api/candidates/" + candidate + "/approvals", w.caller(), null);
                        },
                        statuses(201, 403, 403, 403, 201)),
                new Cell(
                        "POST /api/approvals/{id}/decision",
                        w -> w.api()
                                .post(
                                        "/api/approvals/" + w.approval() + "/decision",
                                        w.caller(),
                                        Map.of("approve", true)),
                        statuses(200, 200, 403, 403, 403)),
                new Cell(
                        "POST /api/approvals/{id}/withdraw",
                        w -> {
                            // only the requester withdraws: the caller asks, when they may
                            String candidate = w.candidate();
                            w.api()
                                    .post(
                                            "/api/candidates/" + candidate + "/transitions",
                                            w.admin(),
                                            Map.of("state", "ready", "version", 1));
                            HttpResult mine =
                                    w.api().post("/api/candidates/" + candidate + "/approvals", w.caller(), null);
                            String approval = (mine.status() == 201
                                            ? mine
                                            : w.api()
                                                    .post(
                                                            "/api/candidates/" + candidate + "/approvals",
                                                            w.admin(),
                                                            null))
                                    .json()
                                    .get("id")
                                    .asText();
                            return w.api().post("/api/approvals/" + approval + "/withdraw", w.caller(), Map.of());
                        },
                        statuses(200, 403, 403, 403, 200)),
                new Cell(
                        "GET /api/cards/{id}/lineage",
                        w -> w.api().get("/api/cards/" + w.card() + "/lineage", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/commits/{sha}/origin",
                        w -> {
                            String sha = String.format("%040x", w.n());
                            w.run();
                            String execution = w.api()
                                    .post("/api/projects/MX/assignments/claim", w.admin(), null)
                                    .json()
                                    .get("execution")
                                    .get("id")
                                    .asText();
                            HttpResult reported = w.api()
                                    .post(
                                            "/api/executions/" + execution + "/commits",
                                            w.admin(),
                                            Map.of("sha", sha, "message", "m", "author", "a"));
                            if (reported.status() != 201) {
                                throw new AssertionError(reported.body());
                            }
                            return w.api().get("/api/commits/" + sha + "/origin", w.caller());
                        },
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/candidates/{id}/origin",
                        w -> w.api().get("/api/candidates/" + w.candidate() + "/origin", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/approvals/{id}/origin",
                        w -> w.api().get("/api/approvals/" + w.approval() + "/origin", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                // Planning: every seeded role reads a plan; all but viewers change it; maintainers set its policy.
                new Cell(
                        "GET /api/projects/{key}/workflows",
                        w -> w.api().get("/api/projects/MX/workflows", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/workflows/{id}",
                        w -> w.api().get("/api/workflows/" + w.workflow(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/activities/{id}",
                        w -> w.api().get("/api/activities/" + w.activity(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/activities/{id}/cards",
                        w -> w.api().get("/api/activities/" + w.activity() + "/cards", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/cards/{id}",
                        w -> w.api().get("/api/cards/" + w.card(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/knowledge/{id}",
                        w -> w.api().get("/api/knowledge/" + w.knowledge(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/planned-files/{id}",
                        w -> w.api().get("/api/planned-files/" + w.plannedFile(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/projects/{key}/artifacts",
                        w -> w.api().get("/api/projects/MX/artifacts", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/artifacts/{id}",
                        w -> w.api().get("/api/artifacts/" + w.artifact(), w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/projects/{key}/policy-profile",
                        w -> w.api().get("/api/projects/MX/policy-profile", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "GET /api/projects/{key}/planning-actions",
                        w -> w.api().get("/api/projects/MX/planning-actions?after=0", w.caller()),
                        statuses(200, 200, 200, 200, 200)),
                new Cell(
                        "POST /api/projects/{key}/workflows",
                        w -> w.api().post("/api/projects/MX/workflows", w.caller(), Map.of("name", "w")),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "PATCH /api/workflows/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/workflows/" + w.workflow(),
                                        w.caller(),
                                        Map.of("version", 1, "name", "n")),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "POST /api/workflows/{id}/move",
                        w -> w.api().post("/api/workflows/" + w.workflow() + "/move", w.caller(), Map.of()),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "DELETE /api/workflows/{id}",
                        w -> w.api().call("DELETE", "/api/workflows/" + w.workflow() + "?version=1", w.caller(), null),
                        statuses(204, 204, 204, 403, 204)),
                new Cell(
                        "POST /api/workflows/{id}/activities",
                        w -> w.api()
                                .post(
                                        "/api/workflows/" + w.workflow() + "/activities",
                                        w.caller(),
                                        Map.of("name", "a")),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "PATCH /api/activities/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/activities/" + w.activity(),
                                        w.caller(),
                                        Map.of("version", 1, "name", "n")),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "POST /api/activities/{id}/move",
                        w -> w.api().post("/api/activities/" + w.activity() + "/move", w.caller(), Map.of()),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "DELETE /api/activities/{id}",
                        w -> w.api().call("DELETE", "/api/activities/" + w.activity() + "?version=1", w.caller(), null),
                        statuses(204, 204, 204, 403, 204)),
                new Cell(
                        "POST /api/activities/{id}/cards",
                        w -> w.api()
                                .post("/api/activities/" + w.activity() + "/cards", w.caller(), Map.of("title", "c")),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "PATCH /api/cards/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/cards/" + w.card(),
                                        w.caller(),
                                        Map.of("version", 1, "status", "ready")),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "POST /api/cards/{id}/move",
                        w -> w.api().post("/api/cards/" + w.card() + "/move", w.caller(), Map.of()),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "DELETE /api/cards/{id}",
                        w -> w.api().call("DELETE", "/api/cards/" + w.card() + "?version=1", w.caller(), null),
                        statuses(204, 204, 204, 403, 204)),
                new Cell(
                        "POST /api/cards/{id}/knowledge",
                        w -> w.api()
                                .post(
                                        "/api/cards/" + w.card() + "/knowledge",
                                        w.caller(),
                                        Map.of("kind", "assumption", "text", "t")),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "PATCH /api/knowledge/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/knowledge/" + w.knowledge(),
                                        w.caller(),
                                        Map.of("version", 1, "text", "n")),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "POST /api/knowledge/{id}/move",
                        w -> w.api().post("/api/knowledge/" + w.knowledge() + "/move", w.caller(), Map.of()),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "DELETE /api/knowledge/{id}",
                        w -> w.api().call("DELETE", "/api/knowledge/" + w.knowledge() + "?version=1", w.caller(), null),
                        statuses(204, 204, 204, 403, 204)),
                new Cell(
                        "POST /api/cards/{id}/planned-files",
                        w -> w.api()
                                .post(
                                        "/api/cards/" + w.card() + "/planned-files",
                                        w.caller(),
                                        Map.of(
                                                "logicalPath",
                                                "a.txt",
                                                "artifactKind",
                                                "doc",
                                                "action",
                                                "create",
                                                "intentSummary",
                                                "i")),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "PATCH /api/planned-files/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/planned-files/" + w.plannedFile(),
                                        w.caller(),
                                        Map.of("version", 1, "status", "done")),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "POST /api/planned-files/{id}/move",
                        w -> w.api().post("/api/planned-files/" + w.plannedFile() + "/move", w.caller(), Map.of()),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "DELETE /api/planned-files/{id}",
                        w -> w.api()
                                .call(
                                        "DELETE",
                                        "/api/planned-files/" + w.plannedFile() + "?version=1",
                                        w.caller(),
                                        null),
                        statuses(204, 204, 204, 403, 204)),
                new Cell(
                        "POST /api/projects/{key}/artifacts",
                        w -> w.api()
                                .post(
                                        "/api/projects/MX/artifacts",
                                        w.caller(),
                                        Map.of("type", "link", "title", "t", "uri", "https://example.com")),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "PATCH /api/artifacts/{id}",
                        w -> w.api()
                                .call(
                                        "PATCH",
                                        "/api/artifacts/" + w.artifact(),
                                        w.caller(),
                                        Map.of("version", 1, "title", "n")),
                        statuses(200, 200, 200, 403, 200)),
                new Cell(
                        "DELETE /api/artifacts/{id}",
                        w -> w.api().call("DELETE", "/api/artifacts/" + w.artifact() + "?version=1", w.caller(), null),
                        statuses(204, 204, 204, 403, 204)),
                new Cell(
                        "PUT /api/cards/{id}/artifacts/{artifactId}",
                        w -> w.api()
                                .call("PUT", "/api/cards/" + w.card() + "/artifacts/" + w.artifact(), w.caller(), null),
                        statuses(201, 201, 201, 403, 201)),
                new Cell(
                        "DELETE /api/cards/{id}/artifacts/{artifactId}",
                        w -> {
                            String card = w.card();
                            String artifact = w.artifact();
                            w.api().call("PUT", "/api/cards/" + card + "/artifacts/" + artifact, w.admin(), null);
                            return w.api()
                                    .call("DELETE", "/api/cards/" + card + "/artifacts/" + artifact, w.caller(), null);
                        },
                        statuses(204, 204, 204, 403, 204)),
                new Cell(
                        "PUT /api/projects/{key}/policy-profile",
                        w -> w.project("PF" + w.n())
                                .call(
                                        "PUT",
                                        "/api/projects/PF" + w.n() + "/policy-profile",
                                        w.caller(),
                                        Map.of("version", 0, "requiredChecks", List.of("ci"))),
                        statuses(200, 200, 403, 403, 403)));
    }

    @Test
    void each_seeded_role_gets_the_specified_status_on_each_route() {
        List<String> mismatches = new ArrayList<>();
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();
            String customRole = api.post(
                            "/api/roles", admin, Map.of("name", "custom", "permissions", List.of("factory.job.read")))
                    .json()
                    .get("id")
                    .asText();
            String viewerRole = api.roleId(admin, "viewer");
            api.project(admin, "MX");
            int n = 0;
            for (Cell cell : cells()) {
                for (String role : ROLES) {
                    n++;
                    // Fresh targets for every cell, so no call depends on what an earlier one changed.
                    String person = api.createHuman(admin, "p" + n + "@example.com", PASSWORD, "viewer");
                    String agent = api.createAgent(admin, "a" + n + "@example.com", "agent");
                    String caller = callerFor(api, admin, role, n);
                    api.post(
                            "/api/roles/" + customRole + "/permissions",
                            admin,
                            Map.of("permission", "factory.job.read"));
                    HttpResult response = cell.call()
                            .apply(new World(api, admin, caller, person, agent, customRole, viewerRole, n, app.app()));
                    int expected = cell.expected().get(role);
                    if (response.status() != expected) {
                        mismatches.add(cell.route() + " as " + role + ": expected " + expected + ", got "
                                + response.status() + " " + response.body());
                    }
                }
            }
            assertEquals(List.of(), mismatches);

            Set<String> covered = cells().stream().map(Cell::route).collect(Collectors.toCollection(TreeSet::new));
            Set<String> guarded = app.app().httpApi().routes().stream()
                    .filter(r -> !(r.access() instanceof Access.Public))
                    .map(r -> r.method().name() + " " + r.path())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(guarded, covered, "every route that needs a caller has a row in the matrix");
        }
    }

    /** A fresh caller holding exactly {@code role}: a person who logs in, or an agent with an API token. */
    private static String callerFor(Api api, String admin, String role, int n) {
        if (role.equals("agent")) {
            return api.issueToken(admin, api.createAgent(admin, "caller" + n + "@example.com", "agent"));
        }
        api.createHuman(admin, "caller" + n + "@example.com", PASSWORD, role);
        return api.logIn("caller" + n + "@example.com", PASSWORD);
    }

    @Test
    void every_route_declares_its_access_and_only_the_listed_routes_are_public() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(Map.of("DATABASE_URL", db.databaseUrl()))) {
            Set<String> publicRoutes = new TreeSet<>();
            for (ApiRoute route : app.app().httpApi().routes()) {
                switch (route.access()) {
                    case Access.Public p -> publicRoutes.add(route.method().name() + " " + route.path());
                    case Access.Authenticated a -> {}
                    case Access.Requires r ->
                        assertEquals(
                                true,
                                io.buildfactory.domain.identity.Permissions.all()
                                        .contains(r.permission()),
                                route.path() + " names a catalogued permission");
                    case Access.SelfOr s ->
                        assertEquals(
                                true,
                                io.buildfactory.domain.identity.Permissions.all()
                                        .contains(s.permission()),
                                route.path() + " names a catalogued permission");
                }
            }
            assertEquals(
                    new TreeSet<>(Set.of("GET /health", "GET /ready", "GET /openapi.json", "POST /api/auth/login")),
                    publicRoutes);
        }
    }
}
