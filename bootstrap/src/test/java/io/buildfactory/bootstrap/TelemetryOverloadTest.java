package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.testing.HttpClientForTests;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.jooq.Tables;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A flood of client telemetry through the real server: every batch answered 202 is stored whole
 * ({@code accepted} = rows written + duplicates), every other one is a 503 with Retry-After that took nothing,
 * and the server's own events (logins meanwhile) are never dropped.
 */
class TelemetryOverloadTest {

    static final int SENDERS = 4;
    static final Duration FLOOD = Duration.ofSeconds(3);

    @ParameterizedTest
    @EnumSource(Engine.class)
    void what_is_acknowledged_is_written_and_server_events_survive_a_client_flood(Engine engine) throws Exception {
        try (TestDatabase db = TestDatabase.empty(engine)) {
            Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
            env.put("BF_TELEMETRY_CLIENT_QUEUE_CAPACITY", "1000"); // one batch: a flood overflows it at once
            try (RunningApp app = RunningApp.start(env)) {
                Api api = new Api(app.port());
                String admin = api.admin();
                String agent = api.createAgent(admin, "flood@example.com", "agent");
                String token = api.issueToken(admin, agent);

                AtomicLong acknowledged = new AtomicLong();
                AtomicInteger refusedBatches = new AtomicInteger();
                List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
                long until = System.nanoTime() + FLOOD.toNanos();
                ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
                List<Future<?>> running = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    running.add(senders.submit(() -> {
                        HttpClientForTests http = new HttpClientForTests(app.port());
                        for (int n = 0; System.nanoTime() < until; n++) {
                            HttpResult answer = http.post(
                                    "/api/telemetry/events", batch(sender, n), "Authorization", "Bearer " + token);
                            if (answer.status() == 202) {
                                acknowledged.addAndGet(
                                        answer.json().get("accepted").asLong());
                            } else if (answer.status() == 503
                                    && answer.header("Retry-After") != null
                                    && answer.json().path("type").asText().equals("/problems/overloaded")) {
                                refusedBatches.incrementAndGet();
                            } else {
                                wrong.add(answer.status() + " " + answer.body());
                            }
                        }
                        return null;
                    }));
                }
                // The server's own events while the flood goes on: each login is one action.auth.login event.
                int logins = 0;
                while (System.nanoTime() < until) {
                    api.admin();
                    logins++;
                }
                for (Future<?> f : running) {
                    f.get();
                }
                senders.shutdown();

                assertEquals(List.of(), wrong, "every answer is a 202 or a 503 overloaded with Retry-After");
                assertTrue(refusedBatches.get() > 0, "the flood overflowed the client budget");
                assertTrue(acknowledged.get() > 0, "some batches were taken");
                assertTrue(app.app().telemetrySink().flush(Duration.ofSeconds(60)), "the sink drained");

                var counts = app.app().telemetrySink().stats();
                long clientRows = db.database()
                        .dsl()
                        .fetchCount(
                                Tables.TELEMETRY_EVENTS, Tables.TELEMETRY_EVENTS.EVENT_TYPE.eq("action.flood.tick"));
                long duplicates = counts.rejectedByReason().getOrDefault("duplicate-id", 0L);
                assertEquals(acknowledged.get(), clientRows + duplicates, "accepted = rows written + duplicates");
                assertEquals(0, counts.dropped(), "no server event was dropped");
                assertEquals(refusedBatches.get() * 1_000L, counts.refused(), "the refusals are counted");
                long loginRows = db.database()
                        .dsl()
                        .fetchCount(
                                Tables.TELEMETRY_EVENTS, Tables.TELEMETRY_EVENTS.EVENT_TYPE.eq("action.auth.login"));
                assertTrue(loginRows >= logins + 1, loginRows + " login events stored for " + (logins + 1) + " logins");
            }
        }
    }

    static String batch(int sender, int n) {
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 1_000; i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"eventType\":\"action.flood.tick\",\"payload\":{\"sender\":")
                    .append(sender)
                    .append(",\"batch\":")
                    .append(n)
                    .append(",\"i\":")
                    .append(i)
                    .append("}}");
        }
        return body.append("]}").toString();
    }
}
