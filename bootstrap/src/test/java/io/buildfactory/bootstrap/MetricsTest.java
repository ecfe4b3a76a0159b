package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code /metrics} as a Prometheus scraper reads it: the meters an operator watches, moving with what happens. */
class MetricsTest {

    @ParameterizedTest
    @EnumSource(Engine.class)
    void the_scrape_holds_http_jvm_pool_telemetry_audit_and_job_meters_that_move(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();
            api.project(admin, "MET");
            String item = api.post(
                            "/api/control-plane/items",
                            admin,
                            Map.of("projectKey", "MET", "title", "measured", "workType", "chore"))
                    .json()
                    .get("key")
                    .asText();
            assertEquals(200, api.get("/api/control-plane/items/" + item, admin).status());
            assertEquals(
                    401, api.logInRaw(Api.ADMIN_EMAIL, "not-the-passphrase").status());

            String before = scrape(api, admin);
            double failedLogins = value(before, "bf_audit_entries_total", "action=\"auth.login\",outcome=\"failed\"")
                    .orElseThrow(() -> new AssertionError("no failed-login count in\n" + before));
            assertEquals(
                    401,
                    api.logInRaw(Api.ADMIN_EMAIL, "still-not-the-passphrase").status());
            String after = scrape(api, admin);
            assertEquals(
                    failedLogins + 1,
                    value(after, "bf_audit_entries_total", "action=\"auth.login\",outcome=\"failed\"")
                            .orElseThrow());

            for (String meter : new String[] {
                "http_server_requests_seconds_bucket{", // a histogram, per route template
                "jvm_memory_used_bytes{",
                "jvm_threads_live_threads ",
                "jvm_gc_",
                "process_cpu_usage ",
                "hikaricp_connections_active{",
                "hikaricp_connections_acquire_seconds_count{",
                "bf_telemetry_written_total ",
                "bf_telemetry_queue_depth ",
                "bf_telemetry_oldest_queued_seconds ",
                "bf_events_total{type=\"action.auth.login-failed\"}",
                "bf_audit_entries_total{action=\"work-item.create\",outcome=\"success\"}"
            }) {
                assertTrue(after.contains(meter), meter + " in\n" + after);
            }
            assertTrue(
                    value(
                                            after,
                                            "http_server_requests_seconds_count",
                                            "method=\"GET\",route=\"/api/control-plane/items/{id}\",status=\"200\"")
                                    .orElse(0)
                            >= 1,
                    "requests are counted under their route template:\n" + after);
            assertFalse(after.contains(item + "\""), "no series is made per item id");

            // the maintenance jobs run soon after start; their runs are timed by type and outcome
            Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
            String jobs = after;
            while (!jobs.contains("bf_job_runs_seconds_count{outcome=\"succeeded\"")
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                jobs = scrape(api, admin);
            }
            assertTrue(jobs.contains("bf_job_runs_seconds_count{outcome=\"succeeded\""), jobs);
        }
    }

    @Test
    void job_counts_by_state_show_the_queue_and_the_jobs_that_need_a_person() throws Exception {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();
            var enqueue = app.app().enqueueJob();
            for (int i = 0; i < 3; i++) {
                enqueue.enqueue(new io.buildfactory.application.jobs.port.in.EnqueueJobUseCase.NewJob(
                        "report.build",
                        "{}",
                        0,
                        java.util.Optional.of(Instant.now().plusSeconds(3600)),
                        3,
                        java.util.Optional.empty()));
            }
            enqueue.enqueue(
                    io.buildfactory.application.jobs.port.in.EnqueueJobUseCase.NewJob.of("nobody.handles", "{}"));
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            String text = scrape(api, admin);
            while (!(value(text, "bf_jobs", "state=\"failed\"").orElse(0) == 1
                            && value(text, "bf_jobs", "state=\"queued\"").orElse(0) >= 3)
                    && Instant.now().isBefore(deadline)) {
                Thread.sleep(250);
                text = scrape(api, admin);
            }
            assertEquals(1, value(text, "bf_jobs", "state=\"failed\"").orElse(-1), "the unhandled job:\n" + text);
            assertTrue(value(text, "bf_jobs", "state=\"queued\"").orElse(-1) >= 3, "the three for later:\n" + text);
            assertEquals(0, value(text, "bf_jobs", "state=\"dead\"").orElse(-1), "none dead, and said so:\n" + text);
        }
    }

    @Test
    void a_caller_without_telemetry_read_is_refused() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            String admin = api.admin();
            api.createHuman(admin, "viewer@example.com", "viewer-passphrase-1", "viewer");
            String viewer = api.logIn("viewer@example.com", "viewer-passphrase-1");
            assertEquals(403, api.get("/metrics", viewer).status());
            assertEquals(401, api.get("/metrics", null).status());
        }
    }

    private static String scrape(Api api, String token) {
        HttpResult metrics = api.get("/metrics", token);
        assertEquals(200, metrics.status(), metrics.body());
        assertTrue(metrics.contentType().startsWith("text/plain"), metrics.contentType());
        return metrics.body();
    }

    /** The value of {@code name}'s series whose labels include {@code labels}. */
    private static OptionalDouble value(String scrape, String name, String labels) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{(.*)\\} ([0-9.E+-]+)$")
                .matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(labels)) {
                return OptionalDouble.of(Double.parseDouble(m.group(2)));
            }
        }
        return OptionalDouble.empty();
    }
}
