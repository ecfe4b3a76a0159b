package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scale-out story: two servers, each with its own pool, caches, job workers and schedule ticker, started at
 * the same moment on one empty PostgreSQL database, as a deployment of N servers behind a load balancer is. What
 * one server does, the other respects: the schema is migrated once, jobs run once, the audit chain does not fork,
 * a lease has one holder, and planning sequences and idempotency keys hold whichever server a request reaches.
 * (Sessions, revocation and caches across servers: {@link TwoServersRevocationTest}.)
 */
class ScaleOutTest {

    static final int JOBS = 2_000;

    TestDatabase db;
    final AtomicInteger[] sweepsRun = {new AtomicInteger(), new AtomicInteger()};
    RunningApp serverA;
    RunningApp serverB;
    Api a;
    Api b;
    String admin;

    @BeforeEach
    void start_both_at_once_on_an_empty_database() {
        db = TestDatabase.empty(Engine.POSTGRESQL);
        Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
        env.put("BF_SESSION_SWEEP_SECONDS", "1");
        env.put("BF_JOB_WORKERS", "4");
        CyclicBarrier together = new CyclicBarrier(2);
        Function<Integer, RunningApp> start = server -> {
            StatementObservers countSweeps = new StatementObservers(List.of(sql -> {
                if (sql.contains("idle_expires_at") && sql.contains("order by")) {
                    sweepsRun[server].incrementAndGet(); // one per run of the sweep's handler
                }
            }));
            await(together);
            return RunningApp.start(env, Clock.systemUTC(), countSweeps);
        };
        CompletableFuture<RunningApp> first = CompletableFuture.supplyAsync(() -> start.apply(0));
        CompletableFuture<RunningApp> second = CompletableFuture.supplyAsync(() -> start.apply(1));
        serverA = first.join();
        serverB = second.join();
        a = new Api(serverA.port());
        b = new Api(serverB.port());
        admin = a.admin();
    }

    @AfterEach
    void stop() {
        serverB.close();
        serverA.close();
        db.close();
    }

    @Test
    void two_servers_starting_at_once_migrate_an_empty_database_exactly_once_and_both_serve() throws Exception {
        Map<String, Integer> applied = new TreeMap<>();
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
            while (r.next()) {
                assertTrue(r.getBoolean(2), "migration " + r.getString(1) + " succeeded");
                applied.merge(r.getString(1), 1, Integer::sum);
            }
        }
        assertTrue(applied.size() > 20, "every migration recorded: " + applied);
        applied.forEach((version, times) -> assertEquals(1, times, "migration " + version + " applied once"));
        assertEquals(200, b.get("/ready", null).status());
        assertEquals(
                1,
                a.get("/api/users?limit=100", admin).json().get("items").size(),
                "both were told to make the first administrator; one did");
        assertEquals(200, b.get("/api/auth/session", b.admin()).status(), "and it signs in on either");
    }

    @Test
    void jobs_enqueued_through_both_servers_run_exactly_once_across_them() throws Exception {
        int before = sweepsRun[0].get() + sweepsRun[1].get();
        Set<String> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<CompletableFuture<Void>> enqueuers = new ArrayList<>();
        for (RunningApp server : List.of(serverA, serverB)) {
            enqueuers.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < JOBS / 2; i++) {
                    ids.add(server.app()
                            .enqueueJob()
                            .enqueue(EnqueueJobUseCase.NewJob.of(JobsModule.SESSION_SWEEP, "{\"n\":" + i + "}"))
                            .id()
                            .toString());
                }
            }));
        }
        enqueuers.forEach(CompletableFuture::join);
        assertEquals(JOBS, ids.size());

        Map<String, Integer> byWorker = new TreeMap<>();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (true) {
            byWorker.clear();
            int done = 0;
            int claimedTwice = 0;
            try (Connection c = db.rawConnection();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT state, attempts, claimed_by FROM jobs"
                            + " WHERE type = 'session.sweep' AND unique_key IS NULL")) {
                while (r.next()) {
                    if (r.getString(1).equals("succeeded")) {
                        done++;
                        claimedTwice += r.getInt(2) == 1 ? 0 : 1;
                        byWorker.merge(r.getString(3), 1, Integer::sum);
                    }
                }
            }
            if (done == JOBS) {
                assertEquals(0, claimedTwice, "no job was claimed a second time");
                break;
            }
            assertTrue(System.nanoTime() < deadline, "only " + done + " of " + JOBS + " ran within two minutes");
            Thread.sleep(100);
        }
        assertEquals(2, byWorker.size(), "both servers took work: " + byWorker);
        int scheduled = scheduledSweeps();
        int runs = sweepsRun[0].get() + sweepsRun[1].get() - before;
        assertTrue(
                runs >= JOBS && runs <= JOBS + scheduled,
                "each handler ran once: " + runs + " runs for " + JOBS + " jobs and " + scheduled
                        + " scheduled sweeps");
        assertEquals(
                JOBS, completions(), "one outcome reported per job, by whichever server ran it, and none by the other");
    }

    @Test
    void both_servers_tick_the_schedules_and_each_period_gets_one_job() throws Exception {
        Thread.sleep(12_000); // two or three ticks of each server, five seconds apart, at unrelated moments
        List<String> periods = new ArrayList<>();
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT payload FROM jobs WHERE unique_key = 'schedule:session.sweep' ORDER BY run_at")) {
            while (r.next()) {
                periods.add(r.getString(1));
            }
        }
        assertTrue(periods.size() >= 3, "the schedule ticked: " + periods);
        assertEquals(periods.size(), new HashSet<>(periods).size(), "never two jobs for one period: " + periods);
    }

    @Test
    void concurrent_writes_through_both_servers_leave_one_unbroken_audit_chain() throws Exception {
        a.project(admin, "BF");
        int writers = 8;
        int writes = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CyclicBarrier go = new CyclicBarrier(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Api server = w % 2 == 0 ? a : b;
            int writer = w;
            done.add(pool.submit(() -> {
                await(go);
                for (int i = 0; i < writes; i++) {
                    HttpResult made = server.post(
                            "/api/control-plane/items",
                            admin,
                            Map.of("projectKey", "BF", "title", "w" + writer + "-" + i, "workType", "feature"));
                    assertEquals(201, made.status(), made.body());
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT prev_hash), count(DISTINCT sequence),"
                        + " max(sequence) FROM audit_events")) {
            r.next();
            assertEquals(r.getLong(1), r.getLong(2), "no two entries follow the same one: the chain did not fork");
            assertEquals(r.getLong(1), r.getLong(3), "no sequence number taken twice");
            assertEquals(r.getLong(1), r.getLong(4), "no gap");
        }
        for (Api server : List.of(a, b)) {
            JsonNode verdict = server.get("/api/audit/verify", admin).json();
            assertEquals("ok", verdict.get("status").asText(), verdict.toString());
            assertTrue(verdict.get("entries").asInt() >= writers * writes, verdict.toString());
        }
    }

    @Test
    void of_a_hundred_acquires_split_across_the_servers_one_is_granted() throws Exception {
        a.project(admin, "BF");
        HttpResult repository = a.post(
                "/api/projects/BF/repositories",
                admin,
                Map.of("name", "shared", "storageLocation", "file:///srv/git/shared.git"));
        assertEquals(201, repository.status(), repository.body());
        String lease = "/api/repositories/" + repository.json().get("id").asText() + "/lease";
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            agents.add(a.issueToken(admin, a.createAgent(admin, "racer" + i + "@agents.example.com", "agent")));
        }
        int callers = 100;
        CyclicBarrier go = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            Api server = i % 2 == 0 ? a : b;
            String who = agents.get(i % agents.size());
            statuses.add(pool.submit(() -> {
                await(go);
                return server.post(lease, who, null).status();
            }));
        }
        Map<Integer, Integer> counts = new TreeMap<>();
        for (Future<Integer> status : statuses) {
            counts.merge(status.get(), 1, Integer::sum);
        }
        pool.shutdown();
        assertEquals(Map.of(201, 1, 409, 99), counts, "one holder across both servers");
        assertEquals(1, b.get(lease, admin).json().get("lastToken").asLong(), "one grant, one fencing token");
    }

    @Test
    void planning_moves_through_both_servers_keep_one_sequence_and_retries_on_the_other_replay() throws Exception {
        PlanningOrderTest.raceMoves(List.of(a, b), admin);
    }

    @Test
    void one_idempotency_key_sent_to_both_servers_at_once_acts_once() throws Exception {
        a.project(admin, "BF");
        for (int round = 0; round < 10; round++) {
            String item = "/api/control-plane/items/"
                    + a.post(
                                    "/api/control-plane/items",
                                    admin,
                                    Map.of("projectKey", "BF", "title", "Item " + round, "workType", "feature"))
                            .json()
                            .get("key")
                            .asText();
            CyclicBarrier go = new CyclicBarrier(2);
            String key = "ready-" + round;
            List<CompletableFuture<HttpResult>> both = new ArrayList<>();
            for (Api server : List.of(a, b)) {
                both.add(CompletableFuture.supplyAsync(() -> {
                    await(go);
                    return server.call("POST", item + "/actions/mark-ready", admin, null, "Idempotency-Key", key);
                }));
            }
            HttpResult first = both.get(0).join();
            HttpResult second = both.get(1).join();
            assertEquals(200, first.status(), first.body());
            assertEquals(200, second.status(), "round " + round + ": " + second.body());
            assertEquals(first.json().get("item"), second.json().get("item"), "round " + round + ": one answer");
            String applied =
                    "/api/audit/events?actionPrefix=work-item.mark-ready&outcome=success&targetType=work-item&targetId="
                            + first.json().get("item").get("id").asText();
            HttpResult audited = b.get(applied, admin);
            assertEquals(200, audited.status(), audited.body());
            assertEquals(1, audited.json().get("items").size(), "round " + round + ": acted once");
        }
    }

    private int scheduledSweeps() throws Exception {
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM jobs WHERE unique_key = 'schedule:session.sweep'")) {
            r.next();
            return r.getInt(1);
        }
    }

    private long completions() throws Exception {
        serverA.app().telemetrySink().flush(java.time.Duration.ofSeconds(10));
        serverB.app().telemetrySink().flush(java.time.Duration.ofSeconds(10));
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM telemetry_events e JOIN jobs j"
                        + " ON j.id = e.correlation_id WHERE e.event_type = 'job.succeeded'"
                        + " AND j.unique_key IS NULL AND j.type = 'session.sweep'")) {
            r.next();
            return r.getLong(1);
        }
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
