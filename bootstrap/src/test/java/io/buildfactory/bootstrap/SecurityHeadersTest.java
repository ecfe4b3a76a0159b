package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.buildfactory.http.testing.HttpClientForTests;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The protective headers on a public, an authenticated, a login and an error response; no server version. */
class SecurityHeadersTest {

    static final Map<String, String> EXPECTED = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-store");

    @Test
    void every_kind_of_response_carries_the_headers_and_none_names_the_server() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            HttpClientForTests http = new HttpClientForTests(app.port());
            String admin = api.admin();
            Map<String, HttpResult> responses = Map.of(
                    "public", http.get("/health"),
                    "login", api.logInRaw(Api.ADMIN_EMAIL, Api.ADMIN_PASSWORD),
                    "authenticated", api.get("/api/auth/session", admin),
                    "refused", api.get("/api/users", null),
                    "no route", http.get("/api/nothing"),
                    "malformed", http.post("/api/auth/login", "{"));
            assertEquals(200, responses.get("authenticated").status());
            assertEquals(401, responses.get("refused").status());
            responses.forEach((kind, response) -> {
                EXPECTED.forEach((header, value) -> assertEquals(value, response.header(header), kind + ": " + header));
                assertNull(response.header("Server"), kind + " names the server");
                assertNull(response.header("X-Powered-By"), kind);
            });
        }
    }
}
