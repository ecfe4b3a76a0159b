package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The server as shipped, killed with SIGKILL again and again while clients write through it (work items, their
 * actions, planning cards), and started again on the same database each time: it always comes back, everything
 * it acknowledged is there, the database is sound, and the audit chain verifies.
 */
class CrashLoopTest {

    static final int ROUNDS = 4;
    static final int WRITERS = 6;
    static final int ACKS_PER_ROUND = 120;

    /** What the server answered yes to: items made, items moved to ready, cards made. */
    final Set<String> items = ConcurrentHashMap.newKeySet();

    final Set<String> readied = ConcurrentHashMap.newKeySet();
    final Set<String> cards = ConcurrentHashMap.newKeySet();

    @ParameterizedTest
    @EnumSource(Engine.class)
    void every_acknowledged_write_survives_repeated_sigkills_and_the_chain_still_verifies(Engine engine)
            throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine)) {
            Map<String, String> env = Api.withAdmin(db.databaseUrl());
            String activity = null;
            for (int round = 0; round < ROUNDS; round++) {
                try (ChildServer server = ChildServer.start(env)) {
                    Api api = new Api(server.port());
                    String admin = api.admin();
                    if (activity == null) {
                        api.project(admin, "BF");
                        String workflow =
                                PlanningOrderTest.made(api, admin, "/api/projects/BF/workflows", Map.of("name", "W"));
                        activity = PlanningOrderTest.made(
                                api, admin, "/api/workflows/" + workflow + "/activities", Map.of("name", "A"));
                    }
                    writeUntilKilled(server, api, admin, activity, round);
                    assertTrue(server.awaitExit(20), "round " + round + ": killed");
                }
            }
            try (ChildServer server = ChildServer.start(env)) {
                Api api = new Api(server.port());
                String admin = api.admin();
                assertTrue(items.size() >= ROUNDS * ACKS_PER_ROUND / 3, "the clients wrote: " + items.size());
                for (String key : items) {
                    HttpResult item = api.get("/api/control-plane/items/" + key, admin);
                    assertEquals(200, item.status(), key + " was acknowledged: " + item.body());
                    if (readied.contains(key)) {
                        assertEquals(
                                "ready",
                                item.json().get("item").get("lane").asText(),
                                key + ": its mark-ready was acknowledged");
                    }
                }
                Set<String> stored = ConcurrentHashMap.newKeySet();
                api.get("/api/activities/" + activity + "/cards?limit=500", admin)
                        .json()
                        .get("items")
                        .forEach(card -> stored.add(card.get("id").asText()));
                assertTrue(stored.containsAll(cards), "every acknowledged card is there");
                HttpResult verdict = api.get("/api/audit/verify", admin);
                assertEquals("ok", verdict.json().get("status").asText(), verdict.body());
            }
            if (engine == Engine.SQLITE) {
                try (Connection c = db.rawConnection();
                        Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                    r.next();
                    assertEquals("ok", r.getString(1));
                }
            }
        }
    }

    /**
     * {@code WRITERS} clients write a mix until {@code ACKS_PER_ROUND} answers are in, then the server is killed
     * under them; what was answered before the kill is recorded, and failures after it are expected.
     */
    private void writeUntilKilled(ChildServer server, Api api, String admin, String activity, int round)
            throws Exception {
        AtomicInteger acks = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            running.add(clients.submit(() -> {
                for (int n = 0; server.process.isAlive(); n++) {
                    String title = "r" + round + "-w" + writer + "-" + n;
                    try {
                        HttpResult made = api.post(
                                "/api/control-plane/items",
                                admin,
                                Map.of("projectKey", "BF", "title", title, "workType", "feature"));
                        if (made.status() != 201) {
                            continue;
                        }
                        String key = made.json().get("key").asText();
                        items.add(key);
                        count(acks, server);
                        if (api.post("/api/control-plane/items/" + key + "/actions/mark-ready", admin, null)
                                        .status()
                                == 200) {
                            readied.add(key);
                            count(acks, server);
                        }
                        HttpResult card =
                                api.post("/api/activities/" + activity + "/cards", admin, Map.of("title", title));
                        if (card.status() == 201) {
                            cards.add(card.json().get("id").asText());
                            count(acks, server);
                        }
                    } catch (RuntimeException | AssertionError refusedOrReset) {
                        // the server is gone: nothing from here on was acknowledged
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();
    }

    private static void count(AtomicInteger acks, ChildServer server) {
        if (acks.incrementAndGet() == ACKS_PER_ROUND) {
            server.kill();
        }
    }
}
