package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Passwords, tokens and their hashes never reach a log line (at the configured level) or a response body. */
class SecretsStayOutOfLogsTest {

    @Test
    void no_password_token_or_hash_appears_in_any_log_line_or_response() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        List<String> bodies = new ArrayList<>();
        List<String> secrets = new ArrayList<>(List.of(
                Api.ADMIN_PASSWORD, "first-secret-passphrase", "second-secret-passphrase", "wrong-secret-passphrase"));
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            HttpResult adminLogin = api.logInRaw(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD);
            String admin = adminLogin.json().get("token").asText();
            secrets.add(admin);
            api.createHuman(admin, "lee@example.com", "first-secret-passphrase", "viewer");
            HttpResult login = api.logInRaw("lee@example.com", "first-secret-passphrase");
            String lee = login.json().get("token").asText();
            secrets.add(lee);
            bodies.add(
                    api.logInRaw("lee@example.com", "wrong-secret-passphrase").body());
            bodies.add(api.post(
                            "/api/auth/password",
                            lee,
                            Map.of(
                                    "currentPassword",
                                    "first-secret-passphrase",
                                    "newPassword",
                                    "second-secret-passphrase"))
                    .body());
            bodies.add(api.get("/api/users", admin).body());
            bodies.add(api.get("/api/auth/session", lee).body());
            String agent = api.createAgent(admin, "bot@example.com", "agent");
            String apiToken = api.issueToken(admin, agent);
            secrets.add(apiToken);
            bodies.add(api.get("/api/auth/session", apiToken).body());
            bodies.add(api.get("/api/users/" + agent + "/tokens", admin).body());
            bodies.add(api.post("/api/auth/logout", lee, null).body());
            bodies.add(api.get("/api/auth/session", lee).body());
        } finally {
            root.detachAppender(captured);
        }
        List<String> hashes = secrets.stream().map(s -> TokenHash.of(s).hex()).toList();
        List<String> lines = captured.list.stream()
                .map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs() + " " + e.getMDCPropertyMap()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : " " + e.getThrowableProxy().getMessage()))
                .toList();
        assertFalse(lines.isEmpty(), "the flow was logged");
        for (String text : concat(lines, bodies)) {
            for (String secret : secrets) {
                assertFalse(text.contains(secret), "a secret leaked into: " + text);
            }
            for (String hash : hashes) {
                assertFalse(text.contains(hash), "a token hash leaked into: " + text);
            }
            assertFalse(text.contains("$argon2"), "a password hash leaked into: " + text);
        }
        assertEquals(
                0,
                bodies.stream()
                        .filter(b -> b.contains("passwordHash") || b.contains("tokenHash"))
                        .count());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
