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
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The audit log and telemetry as an operator and a client use them, on each database. */
@ParameterizedClass(name = "{0}")
@EnumSource(Engine.class)
class AuditAndTelemetryApiTest {

    @Parameter
    Engine engine;

    TestDatabase db;
    RunningApp app;
    Api api;
    String admin;
    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    @BeforeEach
    void start() {
        db = TestDatabase.empty(engine);
        app = RunningApp.start(Api.withAdmin(db.databaseUrl()));
        api = new Api(app.port());
        admin = api.admin();
    }

    @AfterEach
    void stop() {
        app.close();
        db.close();
    }

    @Test
    void real_actions_leave_a_filterable_exportable_and_verifiable_audit_log() {
        api.createHuman(admin, "ann@example.com", "ann-passphrase-123", "viewer");
        api.logInRaw("ann@example.com", "wrong-passphrase-1");

        HttpResult failures = api.get("/api/audit/events?actionPrefix=auth.login&outcome=failed", admin);
        assertEquals(200, failures.status(), failures.body());
        contract.assertMatches("GET", "/api/audit/events", failures);
        assertEquals(1, failures.json().get("items").size());
        assertEquals(
                "invalid-credentials",
                failures.json().get("items").get(0).get("details").get("reason").asText());

        HttpResult page = api.get("/api/audit/events?limit=1", admin);
        String cursor = page.json().get("nextCursor").asText();
        HttpResult next = api.get("/api/audit/events?limit=1&cursor=" + cursor, admin);
        assertEquals(2, next.json().get("items").get(0).get("sequence").asInt());

        HttpResult export = api.get("/api/audit/events/export", admin);
        assertEquals(200, export.status());
        assertTrue(export.contentType().startsWith("application/jsonl"), export.contentType());
        List<String> lines = export.body().lines().toList();
        assertEquals(4, lines.size(), "admin created, admin login, ann created, ann's failed login: " + lines);

        HttpResult verify = api.get("/api/audit/verify", admin);
        contract.assertMatches("GET", "/api/audit/verify", verify);
        assertEquals("ok", verify.json().get("status").asText());
        assertEquals(lines.size(), verify.json().get("entries").asInt());

        HttpResult badFilter = api.get("/api/audit/events?from=yesterday", admin);
        assertEquals(400, badFilter.status());
        assertEquals("from", badFilter.json().get("field").asText());
    }

    @Test
    void the_verify_command_reports_the_first_tampered_entry() throws Exception {
        Map<String, String> env = Map.of("DATABASE_URL", db.databaseUrl());
        CliTest.Result ok = CliTest.run(env, "audit", "verify");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.out().startsWith("OK: 2 entries"), ok.out());

        try (Connection c = db.rawConnection();
                Statement s = c.createStatement()) {
            if (engine == Engine.SQLITE) {
                s.execute("DROP TRIGGER audit_events_no_update");
            } else {
                s.execute("ALTER TABLE audit_events DISABLE TRIGGER USER");
            }
            s.executeUpdate("UPDATE audit_events SET actor = 'someone-else' WHERE sequence = 2");
        }
        CliTest.Result broken = CliTest.run(env, "audit", "verify");
        assertEquals(1, broken.code());
        assertTrue(broken.out().startsWith("BROKEN at sequence 2"), broken.out());
        assertEquals(
                "broken",
                api.get("/api/audit/verify", admin).json().get("status").asText());
    }

    @Test
    void a_client_batch_is_validated_event_by_event_stored_and_counted() throws Exception {
        String valid = "01JQ0000000000000000000T01";
        Map<String, Object> body = Map.of(
                "events",
                List.of(
                        Map.of("id", valid, "eventType", "launch.started", "payload", Map.of("product", "bf")),
                        Map.of("eventType", "metrics.cpu", "payload", Map.of()),
                        Map.of("eventType", "action.ui.click", "payload", List.of(1, 2)),
                        Map.of("eventType", "review.requested", "payload", Map.of("big", "x".repeat(70_000))),
                        Map.of("id", valid, "eventType", "launch.started", "payload", Map.of("again", true))));
        HttpResult result = api.post("/api/telemetry/events", admin, body);
        assertEquals(202, result.status(), result.body());
        contract.assertMatches("POST", "/api/telemetry/events", result);
        assertEquals(2, result.json().get("accepted").asInt());
        assertEquals(3, result.json().get("rejected").asInt());
        JsonNode rejections = result.json().get("rejections");
        assertEquals("eventType", rejections.get(0).get("field").asText());
        assertEquals(1, rejections.get(0).get("index").asInt());
        assertEquals("payload", rejections.get(1).get("field").asText());
        assertEquals("payload", rejections.get(2).get("field").asText());

        assertTrue(app.app().telemetrySink().flush(Duration.ofSeconds(10)));
        HttpResult stored = api.get("/api/telemetry/events?typePrefix=launch.", admin);
        contract.assertMatches("GET", "/api/telemetry/events", stored);
        assertEquals(1, stored.json().get("items").size(), "a duplicate id is stored once");
        assertEquals(
                "bf",
                stored.json().get("items").get(0).get("payload").get("product").asText());

        HttpResult stats = api.get("/api/telemetry/stats", admin);
        contract.assertMatches("GET", "/api/telemetry/stats", stats);
        JsonNode s = stats.json();
        assertEquals(1, s.get("rejectedByReason").get("duplicate-id").asInt());
        assertTrue(
                s.get("emitted").asLong()
                        >= s.get("written").asLong()
                                + s.get("dropped").asLong()
                                + s.get("rejected").asLong(),
                "nothing is settled that was not emitted: " + s);
        // Requests keep emitting while the counters are read; once the writer holds no batch they balance exactly.
        assertTrue(
                balancesWithin(Duration.ofSeconds(10)),
                () -> "never balanced: " + app.app().telemetrySink().stats());

        HttpResult metrics = api.get("/metrics", admin);
        // the sink keeps writing (this very request's events among them): the counter only ever moves on
        Matcher written =
                Pattern.compile("(?m)^bf_telemetry_written_total ([0-9.E]+)$").matcher(metrics.body());
        assertTrue(written.find(), metrics.body());
        assertTrue(Double.parseDouble(written.group(1)) >= s.get("written").asLong(), metrics.body());
        assertTrue(metrics.contentType().startsWith("text/plain"));
    }

    /** Whether {@code emitted = written + dropped + rejected + queued} holds at some moment the writer is idle. */
    private boolean balancesWithin(Duration patience) throws InterruptedException {
        long until = System.nanoTime() + patience.toNanos();
        while (System.nanoTime() < until) {
            app.app().telemetrySink().flush(Duration.ofSeconds(1));
            var c = app.app().telemetrySink().stats();
            if (c.emitted() == c.written() + c.dropped() + c.rejected() + c.queued()) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
