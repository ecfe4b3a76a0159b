package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code BF_LOG_FORMAT=json}: the server as shipped (its own logback.xml, in a JVM of its own) writes one JSON
 * object per line, each request's lines carrying its correlation id and, once known, the caller's user id, and no
 * password or token in any of them.
 */
class JsonLogsTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_line_is_a_json_object_with_the_request_context_and_no_secret() throws Exception {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            // Main picks the shipped logback-json.xml (over the tests' logback-test.xml) when BF_LOG_FORMAT=json
            try (ChildServer server = ChildServer.start(Api.withAdmin(db.databaseUrl()))) {
                List<String> lines = server.lines;
                Api api = new Api(server.port());
                String admin = api.admin();
                assertEquals(
                        401,
                        api.logInRaw(Api.ADMIN_EMAIL, "not-the-admin-passphrase")
                                .status());
                HttpResult users = api.get("/api/users", admin);
                assertEquals(200, users.status(), users.body());
                String correlation = users.header("X-Correlation-Id");

                JsonNode request = ChildServer.await(
                        lines,
                        l -> ChildServer.kv(l, "correlationId").equals(Optional.of(correlation))
                                && ChildServer.kv(l, "path").equals(Optional.of("/api/users")));
                assertEquals("INFO", request.path("level").asText());
                assertEquals(
                        "io.buildfactory.http.requests",
                        request.path("loggerName").asText());
                assertTrue(request.path("timestamp").asLong() > 0, request.toString());
                assertEquals("200", ChildServer.kv(request, "status").orElseThrow(), request.toString());
                String me = api.get("/api/auth/session", admin)
                        .json()
                        .path("user")
                        .path("id")
                        .asText();
                assertEquals(me, request.path("mdc").path("userId").asText(), "the caller is on the line: " + request);
                assertEquals(
                        correlation, request.path("mdc").path("correlationId").asText(), request.toString());

                for (String line : lines) {
                    JsonNode parsed = JSON.readTree(line);
                    assertTrue(parsed.isObject() && parsed.has("level") && parsed.has("loggerName"), line);
                    assertFalse(line.contains(Api.ADMIN_PASSWORD), "a password in: " + line);
                    assertFalse(line.contains("not-the-admin-passphrase"), "a password in: " + line);
                    assertFalse(line.contains(admin), "a token in: " + line);
                }
            }
        }
    }
}
