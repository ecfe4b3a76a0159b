package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.testing.HttpClientForTests;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The server as shipped, in a JVM of its own, sent SIGTERM while requests are in flight: it takes no new
 * connection, answers every request it had begun, writes out the telemetry it had accepted, and exits. Its
 * management port serves {@code /metrics} without a token and nothing of the API.
 */
class GracefulShutdownTest {

    static final int IN_FLIGHT = 8;

    @Test
    void sigterm_finishes_the_requests_in_flight_drains_telemetry_and_refuses_new_connections() throws Exception {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
            env.put("BF_MANAGEMENT_PORT", "0");
            env.put("BF_HTTP_MIN_REQUEST_BYTES_PER_SECOND", "100");
            try (ChildServer server = ChildServer.start(env)) {
                int port = server.port();
                int managementPort = server.portLogged("management port serving /metrics, /health and /ready");
                Api api = new Api(port);
                String admin = api.admin();

                HttpClientForTests management = new HttpClientForTests(managementPort);
                HttpResult scraped = management.request("GET", "/metrics", null);
                assertEquals(200, scraped.status(), scraped.body());
                assertTrue(scraped.body().contains("http_server_requests_seconds_count"), "Prometheus text");
                assertEquals(200, management.request("GET", "/ready", null).status());
                assertEquals(
                        404,
                        management.request("GET", "/api/projects", null).status(),
                        "the management port serves nothing of the API");
                assertEquals(401, api.get("/metrics", null).status(), "the API port's /metrics still wants a token");

                HttpResult accepted = api.post(
                        "/api/telemetry/events",
                        admin,
                        Map.of(
                                "events",
                                List.of(Map.of("eventType", "launch.started", "payload", Map.of("product", "bf")))));
                assertEquals(202, accepted.status(), accepted.body());
                assertEquals(1, accepted.json().get("accepted").asInt(), accepted.body());

                // requests whose bodies take about two seconds to arrive (fast enough for the minimum rate)
                List<CompletableFuture<String>> inFlight = new ArrayList<>();
                CountDownLatch begun = new CountDownLatch(IN_FLIGHT);
                var clients = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
                for (int i = 0; i < IN_FLIGHT; i++) {
                    int n = i;
                    inFlight.add(
                            CompletableFuture.supplyAsync(() -> slowCreate(port, admin, "SLOW" + n, begun), clients));
                }
                assertTrue(begun.await(10, TimeUnit.SECONDS), "every request under way");
                Thread.sleep(300);
                server.terminate();
                Thread.sleep(300);
                assertRefused(port);

                for (CompletableFuture<String> request : inFlight) {
                    String answer = request.get(30, TimeUnit.SECONDS);
                    assertTrue(answer.startsWith("HTTP/1.1 201"), "answered in full: " + answer);
                }
                assertTrue(server.awaitExit(60), "the server exited");
                try (Connection c = db.rawConnection();
                        Statement s = c.createStatement();
                        ResultSet r = s.executeQuery(
                                "SELECT (SELECT count(*) FROM projects WHERE project_key LIKE 'SLOW%'),"
                                        + " (SELECT count(*) FROM telemetry_events WHERE event_type = 'launch.started')")) {
                    r.next();
                    assertEquals(IN_FLIGHT, r.getInt(1), "every request in flight was carried out");
                    assertEquals(1, r.getInt(2), "the accepted telemetry was written before the exit");
                }
                assertTrue(
                        server.lines.stream().anyMatch(l -> l.contains("Build Factory stopped")),
                        "it stopped as it should: " + server.lines);
            }
        }
    }

    /** POST /api/projects with a body padded to 4 KB and sent at about 2 KB/s; the raw answer. */
    private static String slowCreate(int port, String token, String key, CountDownLatch begun) {
        String json = "{\"key\":\"" + key + "\",\"name\":\"Slow " + key + "\"}";
        byte[] body = (json + " ".repeat(4_096 - json.length())).getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/projects HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                            + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                            + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            begun.countDown();
            for (int offset = 0; offset < body.length; offset += 256) {
                out.write(body, offset, Math.min(256, body.length - offset));
                out.flush();
                Thread.sleep(125);
            }
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (Exception e) {
            return "failed: " + e;
        }
    }

    private static void assertRefused(int port) {
        try (Socket late = new Socket("127.0.0.1", port)) {
            late.setSoTimeout(2_000);
            late.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            int first = late.getInputStream().read();
            assertFalse(first >= 0, "a connection made after SIGTERM was served");
        } catch (ConnectException refused) {
            // as it should be: the connector is closed
        } catch (java.io.IOException reset) {
            // closed without an answer: as good
        }
    }
}
