package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one PostgreSQL sharing a queue, and one of them killed with SIGKILL while it holds claims: once
 * those claims lapse, the survivor runs every one of those jobs, and every other job runs once.
 */
class KilledServerTakeoverTest {

    static final int JOBS = 3_000;

    @Test
    void the_jobs_a_killed_server_had_claimed_are_run_by_the_other_once_their_claims_lapse() throws Exception {
        try (TestDatabase db = TestDatabase.empty(Engine.POSTGRESQL)) {
            Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
            env.put("BF_JOB_CLAIM_SECONDS", "3");
            env.put("BF_JOB_WORKERS", "4");
            try (RunningApp survivor = RunningApp.start(env);
                    ChildServer doomed = ChildServer.start(env)) {
                doomed.port(); // listening: its workers are polling too
                String doomedPid = "-" + doomed.process.pid() + "-";
                EnqueueJobUseCase enqueue = survivor.app().enqueueJob();
                for (int i = 0; i < JOBS; i++) {
                    enqueue.enqueue(EnqueueJobUseCase.NewJob.of(JobsModule.SESSION_SWEEP, "{\"n\":" + i + "}"));
                }
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (runningClaimedBy(db, doomedPid).isEmpty()) {
                    assertTrue(System.nanoTime() < deadline, "the doomed server never held a claim");
                }
                doomed.kill();
                assertTrue(doomed.awaitExit(20));
                Set<String> orphaned = runningClaimedBy(db, doomedPid); // what it held when it died
                assertFalse(orphaned.isEmpty(), "it died holding claims");

                deadline = System.nanoTime() + 120_000_000_000L;
                while (succeeded(db) < JOBS) {
                    assertTrue(System.nanoTime() < deadline, "only " + succeeded(db) + " of " + JOBS + " ran");
                    Thread.sleep(200);
                }
                try (Connection c = db.rawConnection();
                        PreparedStatement s =
                                c.prepareStatement("SELECT state, attempts, claimed_by FROM jobs WHERE id = ?")) {
                    for (String id : orphaned) {
                        s.setString(1, id);
                        try (ResultSet r = s.executeQuery()) {
                            assertTrue(r.next());
                            assertEquals("succeeded", r.getString(1), id);
                            assertEquals(2, r.getInt(2), id + ": claimed by the dead server, then by the survivor");
                            assertFalse(r.getString(3).contains(doomedPid), id + " finished by the survivor");
                        }
                    }
                }
                try (Connection c = db.rawConnection();
                        Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT count(*) FROM jobs WHERE type = 'session.sweep'"
                                + " AND unique_key IS NULL AND attempts > 1")) {
                    r.next();
                    assertEquals(orphaned.size(), r.getInt(1), "no job but the orphaned ones ran twice");
                }
            }
        }
    }

    private static Set<String> runningClaimedBy(TestDatabase db, String pid) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = db.rawConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT id FROM jobs WHERE state = 'running' AND claimed_by LIKE ?")) {
            s.setString(1, "%" + pid + "%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        return ids;
    }

    private static int succeeded(TestDatabase db) throws Exception {
        try (Connection c = db.rawConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM jobs WHERE type = 'session.sweep'"
                        + " AND unique_key IS NULL AND state = 'succeeded'")) {
            r.next();
            return r.getInt(1);
        }
    }
}
