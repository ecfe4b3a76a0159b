package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.application.testing.MutableClock;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.telemetry.JooqTelemetryRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Identity and access through the real server, on each database, with a clock the test moves. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class IdentityFlowTest {

    static final Instant START = Instant.parse("2026-11-22T09:00:00Z");
    static final String PASSWORD = "correct-horse-battery";

    @Parameter
    Engine engine;

    TestDatabase db;
    MutableClock clock;
    RunningApp app;
    Api api;
    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    @BeforeEach
    void start() {
        db = TestDatabase.empty(engine);
        clock = new MutableClock(START);
        app = RunningApp.start(Api.withAdmin(db.databaseUrl()), clock);
        api = new Api(app.port());
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    @Test
    void a_new_user_logs_in_works_is_refused_above_their_role_and_is_refused_after_logout() {
        String admin = api.admin();
        api.createHuman(admin, "vera@example.com", PASSWORD, "viewer");

        HttpResult login = api.logInRaw("vera@example.com", PASSWORD);
        assertEquals(200, login.status());
        contract.assertMatches("POST", "/api/auth/login", login);
        String cookie = login.header("Set-Cookie");
        assertTrue(
                cookie.contains("HttpOnly") && cookie.contains("Secure") && cookie.contains("SameSite=Strict"), cookie);
        String token = login.json().get("token").asText();
        assertTrue(token.startsWith("bfs_") && token.length() >= 4 + 43, "256 bits, base64url");

        HttpResult session = api.get("/api/auth/session", token);
        assertEquals(200, session.status());
        assertEquals(
                List.of("viewer"), List.of(session.json().get("roles").get(0).asText()));
        contract.assertMatches("GET", "/api/auth/session", session);

        HttpResult refused = api.get("/api/users", token);
        assertEquals(403, refused.status());
        assertEquals("factory.user.read", refused.json().get("permission").asText());
        contract.assertMatches("GET", "/api/users", refused);

        assertEquals(204, api.post("/api/auth/logout", token, null).status());
        HttpResult after = api.get("/api/auth/session", token);
        assertEquals(401, after.status());
        assertEquals("Bearer", after.header("WWW-Authenticate"));
    }

    @Test
    void the_session_cookie_authenticates_like_the_bearer_header() {
        String token = api.admin();
        HttpResult viaCookie = new io.buildfactory.http.testing.HttpClientForTests(app.port())
                .get("/api/auth/session", "Cookie", "bf_session=" + token);
        assertEquals(200, viaCookie.status());
        assertEquals(
                401,
                new io.buildfactory.http.testing.HttpClientForTests(app.port())
                        .get("/api/auth/session", "Cookie", "bf_session=bfs_forged")
                        .status());
    }

    @Test
    void a_session_is_valid_one_second_before_its_idle_deadline_and_refused_one_second_after() {
        String token = api.admin();
        clock.advance(Duration.ofMinutes(30).minusSeconds(1));
        assertEquals(200, api.get("/api/auth/session", token).status());

        String other = api.admin();
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));
        assertEquals(401, api.get("/api/auth/session", other).status());
    }

    @Test
    void activity_extends_the_idle_deadline_but_never_the_absolute_one() {
        String token = api.admin();
        Duration step = Duration.ofMinutes(25);
        Instant absolute = START.plus(Duration.ofHours(12));
        while (clock.instant().plus(step).isBefore(absolute.minusSeconds(1))) {
            clock.advance(step);
            assertEquals(200, api.get("/api/auth/session", token).status(), "active at " + clock.instant());
        }
        clock.advance(Duration.between(clock.instant(), absolute.minusSeconds(1)));
        assertEquals(200, api.get("/api/auth/session", token).status(), "1 s before the absolute deadline");
        clock.advance(Duration.ofSeconds(2));
        assertEquals(401, api.get("/api/auth/session", token).status(), "1 s after it, however active");
    }

    @Test
    void after_logout_the_old_token_is_refused_on_every_authenticated_route() {
        String token = api.admin();
        assertEquals(204, api.post("/api/auth/logout", token, null).status());
        String someId = "01JQ0000000000000000000001";
        for (var route : app.app().httpApi().routes()) {
            if (route.access() instanceof Access.Public) {
                continue;
            }
            String path = route.path().replaceAll("\\{[^}]+}", someId);
            HttpResult response = api.call(route.method().name(), path, token, "{}");
            assertEquals(401, response.status(), route.method() + " " + route.path() + ": " + response.body());
        }
    }

    @Test
    void a_password_change_ends_the_other_sessions_and_only_the_new_password_works() {
        String admin = api.admin();
        api.createHuman(admin, "pat@example.com", PASSWORD, "contributor");
        String current = api.logIn("pat@example.com", PASSWORD);
        String other = api.logIn("pat@example.com", PASSWORD);

        HttpResult wrong = api.post(
                "/api/auth/password",
                current,
                Map.of("currentPassword", "not-my-password-at-all", "newPassword", "a-brand-new-passphrase"));
        assertEquals(400, wrong.status());
        assertEquals("currentPassword", wrong.json().get("field").asText());
        HttpResult weak =
                api.post("/api/auth/password", current, Map.of("currentPassword", PASSWORD, "newPassword", "short"));
        assertEquals(400, weak.status());
        assertEquals("newPassword", weak.json().get("field").asText());

        assertEquals(
                204,
                api.post(
                                "/api/auth/password",
                                current,
                                Map.of("currentPassword", PASSWORD, "newPassword", "a-brand-new-passphrase"))
                        .status());
        assertEquals(200, api.get("/api/auth/session", current).status(), "the session that changed it lives on");
        assertEquals(401, api.get("/api/auth/session", other).status(), "every other session is dead");
        assertEquals(401, api.logInRaw("pat@example.com", PASSWORD).status());
        assertEquals(
                200, api.logInRaw("pat@example.com", "a-brand-new-passphrase").status());
    }

    @Test
    void permission_and_role_changes_take_effect_on_the_next_request() {
        String admin = api.admin();
        HttpResult role = api.post(
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
        String roleId = role.json().get("id").asText();
        String userId = api.createHuman(admin, "aud@example.com", PASSWORD, "auditor");
        String token = api.logIn("aud@example.com", PASSWORD);
        assertEquals(403, api.get("/api/users", token).status());

        assertEquals(
                200,
                api.post("/api/roles/" + roleId + "/permissions", admin, Map.of("permission", "factory.user.read"))
                        .status());
        assertEquals(200, api.get("/api/users", token).status(), "granted: allowed on the very next request");

        assertEquals(
                200,
                api.call("DELETE", "/api/roles/" + roleId + "/permissions/factory.user.read", admin, null)
                        .status());
        assertEquals(403, api.get("/api/users", token).status(), "revoked: refused on the very next request");

        assertEquals(
                200,
                api.call("DELETE", "/api/users/" + userId + "/roles/" + roleId, admin, null)
                        .status());
        assertEquals(401, api.get("/api/auth/session", token).status(), "losing a role ends the user's sessions");
    }

    @Test
    void the_admin_role_cannot_be_weakened_nor_its_last_holder_removed() {
        String admin = api.admin();
        String adminRole = api.roleId(admin, "admin");
        HttpResult weaken =
                api.call("DELETE", "/api/roles/" + adminRole + "/permissions/factory.user.manage", admin, null);
        assertEquals(409, weaken.status());
        String myId =
                api.get("/api/auth/session", admin).json().get("user").get("id").asText();
        HttpResult last = api.call("DELETE", "/api/users/" + myId + "/roles/" + adminRole, admin, null);
        assertEquals(409, last.status());
        assertEquals(200, api.get("/api/users", admin).status(), "still an administrator");
    }

    @Test
    void disabling_a_user_ends_their_sessions_and_their_logins() {
        String admin = api.admin();
        String id = api.createHuman(admin, "dan@example.com", PASSWORD, "viewer");
        String token = api.logIn("dan@example.com", PASSWORD);
        HttpResult stale = api.call("PATCH", "/api/users/" + id, admin, Map.of("version", 7, "status", "disabled"));
        assertEquals(409, stale.status(), "a stale version is refused");
        HttpResult disabled = api.call("PATCH", "/api/users/" + id, admin, Map.of("version", 1, "status", "disabled"));
        assertEquals(200, disabled.status(), disabled.body());
        assertEquals("disabled", disabled.json().get("status").asText());
        contract.assertMatches("PATCH", "/api/users/{id}", disabled);
        assertEquals(401, api.get("/api/auth/session", token).status());
        assertEquals(401, api.logInRaw("dan@example.com", PASSWORD).status());
    }

    @Test
    void repeated_failures_are_answered_429_with_retry_after_until_the_delay_passes() {
        String admin = api.admin();
        api.createHuman(admin, "sam@example.com", PASSWORD, "viewer");
        for (int i = 0; i < 5; i++) {
            assertEquals(
                    401, api.logInRaw("sam@example.com", "wrong-password-" + i).status());
        }
        HttpResult blocked = api.logInRaw("sam@example.com", PASSWORD);
        assertEquals(429, blocked.status(), "even the right password waits");
        assertEquals("1", blocked.header("Retry-After"));
        contract.assertMatches("POST", "/api/auth/login", blocked);

        clock.advance(Duration.ofSeconds(1));
        assertEquals(401, api.logInRaw("sam@example.com", "wrong-again-123").status());
        HttpResult longer = api.logInRaw("sam@example.com", PASSWORD);
        assertEquals(429, longer.status());
        assertEquals("2", longer.header("Retry-After"), "the delay doubles");

        clock.advance(Duration.ofSeconds(2));
        assertEquals(
                200, api.logInRaw("sam@example.com", PASSWORD).status(), "after the delay, the right password works");
    }

    @Test
    void an_unknown_email_and_a_wrong_password_get_the_same_answer() {
        String admin = api.admin();
        api.createHuman(admin, "kim@example.com", PASSWORD, "viewer");
        HttpResult unknown = api.logInRaw("nobody@example.com", PASSWORD);
        HttpResult wrong = api.logInRaw("kim@example.com", "not-the-password");
        assertEquals(401, unknown.status());
        assertEquals(unknown.status(), wrong.status());
        JsonNode a = unknown.json();
        JsonNode b = wrong.json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) a).remove("correlationId");
        ((com.fasterxml.jackson.databind.node.ObjectNode) b).remove("correlationId");
        assertEquals(a, b);
    }

    @Test
    void an_external_identity_links_to_one_user_only_and_links_are_listed_and_removed() {
        String admin = api.admin();
        String first = api.createHuman(admin, "one@example.com", PASSWORD, "viewer");
        String second = api.createHuman(admin, "two@example.com", PASSWORD, "viewer");
        Map<String, Object> github =
                Map.of("provider", "github", "subject", "4242", "profile", Map.of("login", "octo"));

        String own = api.logIn("one@example.com", PASSWORD);
        HttpResult linked = api.post("/api/users/" + first + "/identity-links", own, github);
        assertEquals(201, linked.status(), "users link their own identities: " + linked.body());
        contract.assertMatches("POST", "/api/users/{id}/identity-links", linked);

        HttpResult duplicate = api.post("/api/users/" + second + "/identity-links", admin, github);
        assertEquals(409, duplicate.status());
        assertEquals("subject", duplicate.json().get("field").asText());

        HttpResult list = api.get("/api/users/" + first + "/identity-links", own);
        assertEquals(
                "octo",
                list.json().get("items").get(0).get("profile").get("login").asText());
        String linkId = linked.json().get("id").asText();
        assertEquals(
                204,
                api.call("DELETE", "/api/users/" + first + "/identity-links/" + linkId, own, null)
                        .status());
        assertEquals(
                0,
                api.get("/api/users/" + first + "/identity-links", own)
                        .json()
                        .get("items")
                        .size());

        String stranger = api.logIn("two@example.com", PASSWORD);
        assertEquals(
                404,
                api.get("/api/users/" + first + "/identity-links", stranger).status(),
                "another user's links are not even there for a viewer");
    }

    @Test
    void agents_authenticate_with_api_tokens_until_they_are_revoked() {
        String admin = api.admin();
        String agent = api.createAgent(admin, "bot@example.com", "agent");
        HttpResult issued = api.post("/api/users/" + agent + "/tokens", admin, Map.of("name", "ci-runner"));
        assertEquals(201, issued.status());
        assertEquals("no-store", issued.header("Cache-Control"));
        contract.assertMatches("POST", "/api/users/{id}/tokens", issued);
        String token = issued.json().get("token").asText();
        assertTrue(token.startsWith("bfa_"));

        HttpResult me = api.get("/api/auth/session", token);
        assertEquals(200, me.status());
        assertEquals("agent", me.json().get("user").get("kind").asText());
        assertTrue(me.json().get("session").isNull(), "an API token is not a session");
        assertEquals(
                401, api.logInRaw("bot@example.com", "anything-at-all-here").status(), "agents cannot log in");

        HttpResult listed = api.get("/api/users/" + agent + "/tokens", admin);
        assertFalse(listed.body().contains(token), "secrets are shown once only");
        String tokenId = issued.json().get("details").get("id").asText();
        assertEquals(
                204,
                api.call("DELETE", "/api/users/" + agent + "/tokens/" + tokenId, admin, null)
                        .status());
        assertEquals(401, api.get("/api/auth/session", token).status());
    }

    @Test
    void the_sweep_ends_expired_sessions_and_records_each_expiry() {
        String admin = api.admin();
        api.createHuman(admin, "eve@example.com", PASSWORD, "viewer");
        api.logIn("eve@example.com", PASSWORD);
        clock.advance(Duration.ofMinutes(31));
        assertEquals(2, app.app().sessionSweep().sweep(100), "the admin's and eve's sessions");
        assertEquals(0, app.app().sessionSweep().sweep(100), "a second run finds nothing");
        assertTrue(app.app().telemetrySink().flush(Duration.ofSeconds(10)));

        JooqAuditRepository audit = new JooqAuditRepository(db.database(), clock);
        List<AuditEvent> expiries = audit.find(
                        new AuditQuery(
                                Optional.of("system"),
                                Optional.of("auth.session-expired"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        PageRequest.first(10))
                .items();
        assertEquals(2, expiries.size());
        JooqTelemetryRepository telemetry =
                new JooqTelemetryRepository(db.database(), clock, IdGenerator.secure(clock));
        List<TelemetryEvent> events = telemetry
                .find(
                        new TelemetryQuery(
                                Optional.of("action.auth.session-expired"),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        PageRequest.first(10))
                .items();
        assertEquals(2, events.size());
    }

    @Test
    void logins_logouts_and_failures_leave_audit_events_and_telemetry() {
        String admin = api.admin();
        api.logInRaw(Api.ADMIN_EMAIL, "wrong-password-here");
        api.post("/api/auth/logout", admin, null);
        assertTrue(app.app().telemetrySink().flush(Duration.ofSeconds(10)));

        JooqAuditRepository audit = new JooqAuditRepository(db.database(), clock);
        List<String> actions = audit
                .find(
                        new AuditQuery(
                                Optional.empty(),
                                Optional.of("auth."),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        PageRequest.first(50))
                .items()
                .stream()
                .map(e -> e.record().action() + ":" + e.record().outcome().code())
                .toList();
        assertEquals(List.of("auth.login:success", "auth.login:failed", "auth.logout:success"), actions);

        JooqTelemetryRepository telemetry =
                new JooqTelemetryRepository(db.database(), clock, IdGenerator.secure(clock));
        List<String> types = telemetry
                .find(
                        new TelemetryQuery(
                                Optional.of("action.auth."),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty(),
                                Optional.empty()),
                        PageRequest.first(50))
                .items()
                .stream()
                .map(e -> e.eventType().value())
                .toList();
        assertEquals(List.of("action.auth.login", "action.auth.login-failed", "action.auth.logout"), types);
    }
}
