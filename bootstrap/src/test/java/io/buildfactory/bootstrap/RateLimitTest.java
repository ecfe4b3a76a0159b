package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Limits people rely on: a client far over its quota is answered 429 with {@code Retry-After} while others are
 * served as before; behind a trusted proxy the address limited is the one it forwarded for, and from anyone else
 * {@code X-Forwarded-For} changes nothing.
 */
class RateLimitTest {

    /** Each quota's burst is a sixth of its minute: 60 a minute allows 10 at once. */
    static final int QUOTA = 60;

    static final int BURST = QUOTA / 6;

    @Test
    void a_user_at_ten_times_the_quota_is_refused_while_another_is_served() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(env(db, "BF_RATE_LIMIT_USER_PER_MINUTE"))) {
            Api api = new Api(app.port());
            String admin = api.admin();
            api.createHuman(admin, "calm@example.com", "calm-passphrase-1", "viewer");
            String calm = api.logIn("calm@example.com", "calm-passphrase-1");

            int served = 0;
            HttpResult refused = null;
            for (int i = 0; i < 10 * BURST; i++) {
                HttpResult r = api.get("/api/auth/session", admin);
                if (r.status() == 200) {
                    served++;
                } else {
                    refused = r;
                }
            }
            assertTrue(served <= BURST + 1, "the burst and what refilled meanwhile, no more: " + served);
            assertProblem429(refused, "user");
            for (int i = 0; i < BURST; i++) {
                assertEquals(200, api.get("/api/auth/session", calm).status(), "another user is unaffected");
            }
        }
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_quota() {
        Map<String, String> env = env(null, "BF_RATE_LIMIT_ADDRESS_PER_MINUTE");
        env.put("BF_TRUSTED_PROXIES", "127.0.0.1/32, ::1");
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(with(env, db))) {
            Api api = new Api(app.port());
            HttpResult refused = null;
            for (int i = 0; i < 10 * BURST; i++) {
                HttpResult r = api.call("GET", "/openapi.json", null, null, "X-Forwarded-For", "203.0.113.7");
                if (r.status() == 429) {
                    refused = r;
                }
            }
            assertProblem429(refused, "address");
            for (int i = 0; i < BURST; i++) {
                assertEquals(
                        200,
                        api.call("GET", "/openapi.json", null, null, "X-Forwarded-For", "203.0.113.8")
                                .status(),
                        "another client behind the same proxy is unaffected");
            }
            for (int i = 0; i < 3 * BURST; i++) {
                assertEquals(
                        200,
                        api.call("GET", "/health", null, null, "X-Forwarded-For", "203.0.113.7")
                                .status(),
                        "probes are never limited");
            }
        }
    }

    @Test
    void from_an_untrusted_peer_a_forged_forwarded_for_does_not_escape_the_limit() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(env(db, "BF_RATE_LIMIT_ADDRESS_PER_MINUTE"))) {
            Api api = new Api(app.port());
            int refused = 0;
            for (int i = 0; i < 10 * BURST; i++) {
                HttpResult r = api.call("GET", "/openapi.json", null, null, "X-Forwarded-For", "198.51.100." + i);
                refused += r.status() == 429 ? 1 : 0;
            }
            assertTrue(refused >= 8 * BURST, "every forged address counts as the peer's: " + refused);
        }
    }

    private static void assertProblem429(HttpResult refused, String who) {
        assertTrue(refused != null, "some requests were refused");
        assertEquals(429, refused.status(), refused.body());
        assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
        assertTrue(refused.body().contains("rate-limited") && refused.body().contains("this " + who), refused.body());
        assertTrue(
                Integer.parseInt(refused.header("Retry-After")) >= 1, "Retry-After: " + refused.header("Retry-After"));
    }

    private static Map<String, String> env(TestDatabase db, String quota) {
        Map<String, String> env = new HashMap<>();
        env.put(quota, Integer.toString(QUOTA));
        return db == null ? env : with(env, db);
    }

    private static Map<String, String> with(Map<String, String> env, TestDatabase db) {
        Map<String, String> all = new HashMap<>(Api.withAdmin(db.databaseUrl()));
        all.putAll(env);
        return all;
    }
}
