package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.http.testing.HttpClientForTests;
import io.buildfactory.http.testing.HttpResult;
import java.util.List;
import java.util.Map;

/** The identity API as a client uses it, for tests: JSON in, JSON out, a bearer token per call. */
final class Api {

    static final String ADMIN_EMAIL = "admin@example.com";
    static final String ADMIN_PASSWORD = "admin-passphrase-for-tests";

    private final HttpClientForTests http;
    private final ObjectMapper json = new ObjectMapper();

    Api(int port) {
        this.http = new HttpClientForTests(port);
    }

    /** The environment that makes the server create the first administrator. */
    static Map<String, String> withAdmin(String databaseUrl) {
        return Map.of(
                "DATABASE_URL",
                databaseUrl,
                "BF_BOOTSTRAP_ADMIN_EMAIL",
                ADMIN_EMAIL,
                "BF_BOOTSTRAP_ADMIN_PASSWORD",
                ADMIN_PASSWORD,
                "BF_SESSION_SWEEP_SECONDS",
                "86400");
    }

    HttpResult call(String method, String path, String token, Object body, String... headers) {
        String[] all = token == null ? headers : concat(headers, "Authorization", "Bearer " + token);
        return http.request(method, path, body == null ? null : write(body), all);
    }

    HttpResult get(String path, String token) {
        return call("GET", path, token, null);
    }

    HttpResult post(String path, String token, Object body) {
        return call("POST", path, token, body);
    }

    HttpResult logInRaw(String email, String password) {
        return post("/api/auth/login", null, Map.of("email", email, "password", password));
    }

    String logIn(String email, String password) {
        HttpResult response = logInRaw(email, password);
        assertEquals(200, response.status(), response.body());
        return response.json().get("token").asText();
    }

    String admin() {
        return logIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    /** Creates a project named after its key, as work items, policies and conversations need one. */
    void project(String adminToken, String key) {
        HttpResult response = post("/api/projects", adminToken, Map.of("key", key, "name", "Project " + key));
        assertEquals(201, response.status(), response.body());
    }

    /** Creates a person with a password and roles; returns their id. */
    String createHuman(String adminToken, String email, String password, String... roles) {
        HttpResult response = post(
                "/api/users",
                adminToken,
                Map.of(
                        "email",
                        email,
                        "displayName",
                        email,
                        "kind",
                        "human",
                        "password",
                        password,
                        "roles",
                        List.of(roles)));
        assertEquals(201, response.status(), response.body());
        return response.json().get("id").asText();
    }

    String createAgent(String adminToken, String email, String... roles) {
        HttpResult response =
                post("/api/users", adminToken, Map.of("email", email, "kind", "agent", "roles", List.of(roles)));
        assertEquals(201, response.status(), response.body());
        return response.json().get("id").asText();
    }

    String issueToken(String adminToken, String agentId) {
        HttpResult response = post("/api/users/" + agentId + "/tokens", adminToken, Map.of("name", "ci"));
        assertEquals(201, response.status(), response.body());
        return response.json().get("token").asText();
    }

    String roleId(String adminToken, String name) {
        HttpResult roles = get("/api/roles", adminToken);
        assertEquals(200, roles.status(), roles.body());
        for (var role : roles.json().get("items")) {
            if (role.get("name").asText().equals(name)) {
                return role.get("id").asText();
            }
        }
        throw new AssertionError("no role " + name);
    }

    private String write(Object body) {
        try {
            return body instanceof String s ? s : json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
