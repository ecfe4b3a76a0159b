package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
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
            Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
            env.put("BF_LOG_FORMAT", "json");
            env.put("BF_HTTP_PORT", "0");
            env.put("BF_HTTP_HOST", "127.0.0.1");
            // Main picks the shipped logback-json.xml (over the tests' logback-test.xml) when BF_LOG_FORMAT=json
            Process server = ChildJvm.start(env, List.of(), Main.class);
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader out =
                        new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException ignored) {
                    // the server was stopped
                }
            });
            try {
                JsonNode listening =
                        await(lines, l -> l.path("formattedMessage").asText().equals("Build Factory listening"));
                Api api = new Api(Integer.parseInt(kv(listening, "port").orElseThrow()));
                String admin = api.admin();
                assertEquals(
                        401,
                        api.logInRaw(Api.ADMIN_EMAIL, "not-the-admin-passphrase")
                                .status());
                HttpResult users = api.get("/api/users", admin);
                assertEquals(200, users.status(), users.body());
                String correlation = users.header("X-Correlation-Id");

                JsonNode request = await(
                        lines,
                        l -> kv(l, "correlationId").equals(Optional.of(correlation))
                                && kv(l, "path").equals(Optional.of("/api/users")));
                assertEquals("INFO", request.path("level").asText());
                assertEquals(
                        "io.buildfactory.http.requests",
                        request.path("loggerName").asText());
                assertTrue(request.path("timestamp").asLong() > 0, request.toString());
                assertEquals("200", kv(request, "status").orElseThrow(), request.toString());
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
            } finally {
                server.destroyForcibly().waitFor();
                reader.join(5_000);
            }
        }
    }

    /** The first line, as JSON, that {@code wanted} accepts, waiting up to 20 s for the server to write it. */
    static JsonNode await(List<String> lines, Predicate<JsonNode> wanted) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            for (String line : lines) {
                JsonNode parsed = JSON.readTree(line);
                if (wanted.test(parsed)) {
                    return parsed;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no such line among " + lines);
    }

    /** A key=value pair of the line ({@code kvpList}: one single-member object per pair). */
    static Optional<String> kv(JsonNode line, String key) {
        for (JsonNode pair : line.path("kvpList")) {
            if (pair.has(key)) {
                return Optional.of(pair.get(key).asText());
            }
        }
        return Optional.empty();
    }
}
