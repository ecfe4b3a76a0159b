package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TcpProxy;
import io.buildfactory.persistence.testing.TestDatabase;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL gone while the server runs (behind a proxy the test cuts): requests that need it are answered 503
 * with Retry-After and change nothing, {@code /ready} says why, and once it is back the same server serves again.
 */
class DatabaseOutageTest {

    @Test
    void while_the_database_is_unreachable_requests_get_503_and_the_server_recovers_by_itself() throws Exception {
        try (TestDatabase db = TestDatabase.empty(Engine.POSTGRESQL)) {
            URI direct = URI.create(db.settings().url().substring("jdbc:".length()));
            try (TcpProxy proxy = new TcpProxy(direct.getHost(), direct.getPort())) {
                String viaProxy = db.databaseUrl().replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
                try (RunningApp app = RunningApp.start(Api.withAdmin(viaProxy))) {
                    Api api = new Api(app.port());
                    String admin = api.admin();
                    assertEquals(200, api.get("/api/projects", admin).status());

                    proxy.cut();
                    HttpResult write =
                            api.post("/api/projects", admin, Map.of("key", "GONE", "name", "Made in the dark"));
                    assertEquals(503, write.status(), write.body());
                    assertTrue(write.contentType().startsWith("application/problem+json"), write.contentType());
                    assertTrue(write.body().contains("database-unavailable"), write.body());
                    assertEquals("5", write.header("Retry-After"));
                    HttpResult ready = api.get("/ready", null);
                    assertEquals(503, ready.status(), ready.body());
                    assertTrue(ready.body().contains("database"), "it says why: " + ready.body());

                    proxy.restore();
                    HttpResult back = eventually(() -> api.get("/api/projects", admin), Duration.ofSeconds(20));
                    assertEquals(200, back.status(), back.body());
                    assertTrue(
                            !back.body().contains("GONE"),
                            "the write answered 503 left nothing behind: " + back.body());
                    assertEquals(
                            201,
                            api.post("/api/projects", admin, Map.of("key", "BACK", "name", "After the outage"))
                                    .status());
                    assertEquals(200, api.get("/ready", null).status());
                }
            }
        }
    }

    private static HttpResult eventually(Supplier<HttpResult> request, Duration patience) throws InterruptedException {
        Instant deadline = Instant.now().plus(patience);
        HttpResult last = request.get();
        while (last.status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            last = request.get();
        }
        return last;
    }
}
