package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Card order under many moves: concurrent clients never leave two cards tied or one lost, the order is what the
 * moves make when applied in the sequence the log gave them, and SQLite and PostgreSQL order alike.
 */
class PlanningOrderTest {

    static final int CARDS = 16;

    /** A project with one activity holding {@code CARDS} cards; the activity id and the card ids in order. */
    record Board(String activity, List<String> cards) {}

    static Board board(Api api, String admin) {
        api.project(admin, "BF");
        String workflow = made(api, admin, "/api/projects/BF/workflows", Map.of("name", "W"));
        String activity = made(api, admin, "/api/workflows/" + workflow + "/activities", Map.of("name", "A"));
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < CARDS; i++) {
            cards.add(made(api, admin, "/api/activities/" + activity + "/cards", Map.of("title", "card " + i)));
        }
        return new Board(activity, cards);
    }

    static String made(Api api, String admin, String path, Map<String, ?> body) {
        HttpResult r = api.post(path, admin, body);
        assertEquals(201, r.status(), path + ": " + r.body());
        return r.json().get("id").asText();
    }

    /** The activity's cards as the database orders them, as (id, rank) pairs. */
    static List<String[]> order(Api api, String admin, String activity) {
        HttpResult page = api.get("/api/activities/" + activity + "/cards?limit=500", admin);
        assertEquals(200, page.status(), page.body());
        List<String[]> out = new ArrayList<>();
        for (JsonNode card : page.json().get("items")) {
            out.add(new String[] {
                card.get("id").asText(),
                card.get("rank").asText(),
                card.get("title").asText()
            });
        }
        return out;
    }

    static void apply(List<String> model, String card, String after) {
        model.remove(card);
        model.add(after == null ? 0 : model.indexOf(after) + 1, card);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrent_moves_leave_no_tie_and_the_order_the_log_sequence_makes(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            raceMoves(List.of(api), api.admin());
        }
    }

    /**
     * Six clients moving cards at once through {@code servers} (client {@code c} through server {@code c mod n},
     * its retries through the next one): no tie, no card lost or doubled, the order the log's sequence makes, and
     * every replay answered as the first time and counted once.
     */
    static void raceMoves(List<Api> servers, String admin) throws Exception {
        Board board = board(servers.get(0), admin);
        int clients = 6;
        int moves = 12;
        // what each applied move asked, by the sequence number it took
        Map<Long, String[]> applied = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CyclicBarrier start = new CyclicBarrier(clients);
        List<CompletableFuture<Void>> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            runs.add(CompletableFuture.runAsync(
                    () -> {
                        Random random = new Random(client);
                        Api api = servers.get(client % servers.size());
                        Api retried = servers.get((client + 1) % servers.size());
                        try {
                            start.await();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        for (int m = 0; m < moves; m++) {
                            String card = board.cards().get(random.nextInt(CARDS));
                            String after = random.nextInt(5) == 0
                                    ? null
                                    : board.cards().get(random.nextInt(CARDS));
                            if (card.equals(after)) {
                                continue;
                            }
                            Map<String, Object> body = new HashMap<>();
                            body.put("after", after);
                            String key = "client-" + client + "-move-" + m;
                            HttpResult r = api.call(
                                    "POST", "/api/cards/" + card + "/move", admin, body, "Idempotency-Key", key);
                            assertEquals(200, r.status(), r.body());
                            if (m % 4 == 0) { // a retry, as a client that lost the answer would send
                                HttpResult again = retried.call(
                                        "POST", "/api/cards/" + card + "/move", admin, body, "Idempotency-Key", key);
                                assertEquals(r.body(), again.body());
                                assertEquals(r.header("Planning-Sequence"), again.header("Planning-Sequence"));
                            }
                            applied.put(Long.parseLong(r.header("Planning-Sequence")), new String[] {card, after});
                        }
                    },
                    pool));
        }
        for (CompletableFuture<Void> run : runs) {
            run.get();
        }
        pool.shutdown();

        Api api = servers.get(servers.size() - 1);
        List<String[]> stored = order(api, admin, board.activity());
        assertEquals(CARDS, stored.size(), "no card lost or doubled");
        assertEquals(CARDS, new HashSet<>(stored.stream().map(s -> s[0]).toList()).size());
        for (int i = 1; i < stored.size(); i++) {
            assertTrue(stored.get(i - 1)[1].compareTo(stored.get(i)[1]) < 0, "ranks strictly increase, no tie");
        }
        List<String> model = new ArrayList<>(board.cards());
        new TreeMap<>(applied).values().forEach(move -> apply(model, move[0], move[1]));
        assertEquals(model, stored.stream().map(s -> s[0]).toList(), "the log's order of the moves is the order");

        HttpResult project = api.get("/api/projects/BF", admin);
        long sequence = project.json().get("actionSequence").asLong();
        assertEquals(2 + CARDS + applied.size(), sequence, "each applied move counted once, replays not at all");
    }

    @Test
    void sqlite_and_postgresql_order_the_same_moves_alike_through_respacing() {
        Map<Engine, List<String>> orders = new LinkedHashMap<>();
        for (Engine engine : Engine.values()) {
            try (TestDatabase db = TestDatabase.empty(engine);
                    RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
                Api api = new Api(app.port());
                String admin = api.admin();
                Board board = board(api, admin);
                List<String> model = new ArrayList<>(board.cards());
                Random random = new Random(2026);
                int longest = 0;
                for (int m = 0; m < 320; m++) { // 256 into one gap: past 40 digits unless respaced
                    // mostly into the same gap (right after the first card), which grows ranks until respaced;
                    // now and then a card elsewhere, behind the first
                    String card = m % 5 == 4 ? model.get(1 + random.nextInt(CARDS - 1)) : model.getLast();
                    String after = m % 5 == 4 ? model.get(1 + random.nextInt(CARDS - 1)) : model.getFirst();
                    if (card.equals(after)) {
                        continue;
                    }
                    Map<String, Object> body = new HashMap<>();
                    body.put("after", after);
                    HttpResult r = api.post("/api/cards/" + card + "/move", admin, body);
                    assertEquals(200, r.status(), r.body());
                    longest = Math.max(longest, r.json().get("rank").asText().length());
                    apply(model, card, after);
                }
                List<String[]> stored = order(api, admin, board.activity());
                assertEquals(model, stored.stream().map(s -> s[0]).toList(), engine + " keeps the moves' order");
                assertTrue(longest > 20, "the moves made long ranks: " + longest);
                assertTrue(longest <= 33, "and respacing kept them short: " + longest);
                orders.put(engine, stored.stream().map(s -> s[2] + "@" + s[1]).toList());
            }
        }
        assertEquals(orders.get(Engine.SQLITE), orders.get(Engine.POSTGRESQL), "same titles, same ranks, same order");
    }
}
