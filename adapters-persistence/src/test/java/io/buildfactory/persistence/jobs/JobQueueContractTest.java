package io.buildfactory.persistence.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.audit.HashChainedAuditTrail;
import io.buildfactory.application.jobs.JobService;
import io.buildfactory.application.jobs.RecurringSchedules;
import io.buildfactory.application.jobs.port.in.EnqueueJobUseCase.NewJob;
import io.buildfactory.domain.jobs.Job;
import io.buildfactory.domain.jobs.JobState;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.persistence.JooqTransactionRunner;
import io.buildfactory.persistence.audit.JooqAuditRepository;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobQueueContractTest extends OnBothEngines {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    JooqJobRepository jobs;
    JooqTransactionRunner transactions;
    JobService service;

    @BeforeEach
    void wire() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        jobs = new JooqJobRepository(db.database());
        transactions = new JooqTransactionRunner(db.database());
        IdGenerator ids = new IdGenerator(clock, new Random(4));
        service = new JobService(
                jobs,
                transactions,
                new HashChainedAuditTrail(new JooqAuditRepository(db.database(), clock), transactions, ids, clock),
                ids,
                clock);
    }

    NewJob job(String type, int priority, Instant runAt) {
        return new NewJob(type, "{\"n\":1}", priority, Optional.of(runAt), 3, Optional.empty());
    }

    @Test
    void a_job_round_trips_and_claims_take_the_most_urgent_due_job_first() {
        Job low = service.enqueue(job("t", 0, NOW.minusSeconds(60)));
        Job high = service.enqueue(job("t", 5, NOW.minusSeconds(1)));
        Job future = service.enqueue(job("t", 9, NOW.plusSeconds(60)));
        assertEquals(Optional.of(low), jobs.findById(low.id()));

        Job first = jobs.claimNext("w1", NOW, Duration.ofSeconds(30)).orElseThrow();
        assertEquals(high.id(), first.id(), "higher priority first");
        assertEquals(JobState.RUNNING, first.state());
        assertEquals(1, first.attempts());
        assertEquals(Optional.of("w1"), first.claimedBy());
        assertEquals(
                low.id(),
                jobs.claimNext("w2", NOW, Duration.ofSeconds(30)).orElseThrow().id());
        assertEquals(Optional.empty(), jobs.claimNext("w3", NOW, Duration.ofSeconds(30)), "the future job is not due");
        assertEquals(JobState.QUEUED, jobs.findById(future.id()).orElseThrow().state());
    }

    @Test
    void a_batch_claim_takes_the_most_urgent_due_jobs_in_order_and_two_claimers_never_share_one() throws Exception {
        List<Job> queued = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            queued.add(service.enqueue(job("t", i % 3, NOW.minusSeconds(100 - i))));
        }
        service.enqueue(job("t", 9, NOW.plusSeconds(60)));
        List<Job> first = jobs.claim("w1", NOW, Duration.ofSeconds(30), 4);
        List<Job> urgent = queued.stream()
                .sorted(java.util.Comparator.comparingInt(Job::priority)
                        .reversed()
                        .thenComparing(Job::runAt))
                .toList();
        assertEquals(
                urgent.subList(0, 4).stream().map(Job::id).toList(),
                first.stream().map(Job::id).toList(),
                "priority first, then the earliest run time");
        assertTrue(first.stream().allMatch(j -> j.state() == JobState.RUNNING && j.attempts() == 1));
        assertEquals(
                first,
                first.stream().map(j -> jobs.findById(j.id()).orElseThrow()).toList(),
                "as stored");
        assertEquals(
                urgent.subList(0, 4).stream()
                        .map(j -> j.claim("w1", NOW, Duration.ofSeconds(30)).withVersion(j.version() + 1))
                        .toList(),
                first,
                "the claim moves each job as the domain's Job.claim does");

        // The other 26 due jobs, claimed by two claimers at once in batches: each job exactly once.
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<List<Job>>> claimers = List.of("w2", "w3").stream()
                    .map(w -> pool.submit(() -> {
                        List<Job> mine = new java.util.ArrayList<>();
                        List<Job> batch;
                        while (!(batch = jobs.claim(w, NOW, Duration.ofSeconds(30), 5)).isEmpty()) {
                            mine.addAll(batch);
                        }
                        return mine;
                    }))
                    .toList();
            List<String> claimed = new java.util.ArrayList<>();
            for (var c : claimers) {
                c.get().forEach(j -> claimed.add(j.id().toString()));
            }
            assertEquals(26, claimed.size());
            assertEquals(26, new java.util.HashSet<>(claimed).size(), "no job claimed twice");
        } finally {
            pool.shutdown();
        }
        assertEquals(List.of(), jobs.claim("w4", NOW, Duration.ofSeconds(30), 10), "the future job is not due");
    }

    @Test
    void updating_several_jobs_stores_the_fresh_ones_and_leaves_a_stale_one_as_it_is() {
        for (int i = 0; i < 3; i++) {
            service.enqueue(job("t", 0, NOW));
        }
        List<Job> claimed = jobs.claim("w", NOW, Duration.ofSeconds(30), 3);
        Job reapedMeanwhile = jobs.update(claimed.get(1).release(NOW));
        List<Job> stored = jobs.updateAll(claimed.stream()
                .map(j -> j.succeed(Optional.of("{\"ok\":true}"), NOW.plusSeconds(1)))
                .toList());
        assertEquals(
                List.of(claimed.get(0).id(), claimed.get(2).id()),
                stored.stream().map(Job::id).toList());
        assertEquals(stored.get(0), jobs.findById(claimed.get(0).id()).orElseThrow());
        assertEquals(JobState.SUCCEEDED, stored.get(1).state());
        assertEquals(reapedMeanwhile, jobs.findById(claimed.get(1).id()).orElseThrow(), "the stale one untouched");
    }

    @Test
    void a_unique_key_gives_back_the_live_job_instead_of_a_second_one() {
        NewJob keyed = new NewJob("sweep", "{}", 0, Optional.empty(), 3, Optional.of("sweep:once"));
        Job first = service.enqueue(keyed);
        assertEquals(first.id(), service.enqueue(keyed).id());
        assertFalse(
                jobs.insert(Job.enqueue(
                        new io.buildfactory.domain.jobs.JobId(fixtures.id()),
                        "sweep",
                        "{}",
                        0,
                        NOW,
                        3,
                        Optional.of("sweep:once"),
                        NOW)),
                "the database says so too, without aborting the transaction");

        Job claimed = jobs.claimNext("w", NOW, Duration.ofSeconds(30)).orElseThrow();
        jobs.update(claimed.succeed(Optional.empty(), NOW));
        assertFalse(service.enqueue(keyed).id().equals(first.id()), "a finished job frees its key");
    }

    @Test
    void an_enqueue_rolled_back_with_its_transaction_leaves_no_job() {
        assertThrows(
                IllegalStateException.class,
                () -> transactions.inTransaction(() -> {
                    service.enqueue(job("release.prepare", 0, NOW));
                    throw new IllegalStateException("the change that asked for it failed");
                }));
        assertEquals(Optional.empty(), jobs.claimNext("w", NOW, Duration.ofSeconds(30)));
    }

    @Test
    void expired_claims_are_found_and_a_heartbeat_keeps_a_claim_alive() {
        service.enqueue(job("t", 0, NOW));
        Job claimed = jobs.claimNext("w1", NOW, Duration.ofSeconds(10)).orElseThrow();
        assertEquals(List.of(), jobs.expiredClaims(NOW.plusSeconds(9), 10));
        assertTrue(jobs.extendClaim(claimed.id(), "w1", NOW.plusSeconds(5), NOW.plusSeconds(20)));
        assertFalse(jobs.extendClaim(claimed.id(), "someone-else", NOW.plusSeconds(5), NOW.plusSeconds(99)));
        assertFalse(
                jobs.extendClaim(claimed.id(), "w1", NOW.plusSeconds(25), NOW.plusSeconds(60)),
                "a lapsed claim is not revived: a reaper may have handed the job on");
        assertEquals(List.of(), jobs.expiredClaims(NOW.plusSeconds(15), 10));
        assertEquals(
                List.of(claimed.id()),
                jobs.expiredClaims(NOW.plusSeconds(21), 10).stream()
                        .map(Job::id)
                        .toList());

        Job current = jobs.findById(claimed.id()).orElseThrow();
        Job requeued = current.fail(
                "claim expired", NOW.plusSeconds(21), io.buildfactory.domain.jobs.RetryPolicy.DEFAULT, new Random(1));
        assertFalse(jobs.reap(current, requeued, NOW.plusSeconds(19)), "not before the claim lapses");
        assertTrue(jobs.reap(current, requeued, NOW.plusSeconds(21)));
        assertFalse(jobs.reap(current, requeued, NOW.plusSeconds(22)), "one reaper wins");
        assertEquals(JobState.QUEUED, jobs.findById(claimed.id()).orElseThrow().state());
    }

    @Test
    void the_watched_states_are_counted_with_zero_for_a_state_with_none() {
        assertEquals(
                Map.of(JobState.QUEUED, 0L, JobState.RUNNING, 0L, JobState.FAILED, 0L, JobState.DEAD, 0L),
                service.countWatched(),
                "an empty queue: every watched state present, at zero");
        for (int i = 0; i < 4; i++) {
            service.enqueue(job("t", 0, NOW));
        }
        Job running = jobs.claimNext("w", NOW, Duration.ofSeconds(10)).orElseThrow();
        Job failing = jobs.claimNext("w", NOW, Duration.ofSeconds(10)).orElseThrow();
        jobs.update(failing.failPermanently("boom", NOW));
        Job done = jobs.claimNext("w", NOW, Duration.ofSeconds(10)).orElseThrow();
        jobs.update(done.succeed(Optional.empty(), NOW));
        assertEquals(
                Map.of(JobState.QUEUED, 1L, JobState.RUNNING, 1L, JobState.FAILED, 1L, JobState.DEAD, 0L),
                service.countWatched(),
                "succeeded jobs are not watched: " + running.id());
    }

    @Test
    void finished_jobs_are_pruned_by_age_in_batches() {
        for (int i = 0; i < 3; i++) {
            service.enqueue(job("t", 0, NOW));
            Job c = jobs.claimNext("w", NOW, Duration.ofSeconds(10)).orElseThrow();
            jobs.update(c.succeed(Optional.of("{\"ok\":true}"), NOW.minus(Duration.ofDays(40))));
        }
        service.enqueue(job("t", 0, NOW));
        assertEquals(2, jobs.deleteFinishedBefore(NOW.minus(Duration.ofDays(30)), 2));
        assertEquals(1, jobs.deleteFinishedBefore(NOW.minus(Duration.ofDays(30)), 2));
        assertEquals(
                1,
                jobs.list(Optional.empty(), Optional.empty(), io.buildfactory.domain.shared.PageRequest.first(10))
                        .items()
                        .size(),
                "the queued job stays");
    }

    @Test
    void a_recurring_schedule_enqueues_exactly_one_job_per_period_however_often_it_ticks() {
        Instant[] now = {NOW.plusSeconds(1)};
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        List<RecurringSchedules.Schedule> schedule =
                List.of(new RecurringSchedules.Schedule("sweep", Duration.ofMinutes(1), "session.sweep"));
        RecurringSchedules serverA = new RecurringSchedules(schedule, jobs, service, transactions, moving);
        RecurringSchedules serverB = new RecurringSchedules(schedule, jobs, service, transactions, moving);
        assertEquals(1, serverA.tick() + serverB.tick() + serverA.tick());
        now[0] = NOW.plusSeconds(59);
        assertEquals(0, serverB.tick() + serverA.tick(), "still the same period");
        now[0] = NOW.plusSeconds(61);
        Job queued = jobs.findLiveByUniqueKey("schedule:sweep").orElseThrow();
        jobs.update(
                jobs.claimNext("w", now[0], Duration.ofSeconds(5)).orElseThrow().succeed(Optional.empty(), now[0]));
        assertEquals(1, serverB.tick() + serverA.tick(), "the next period gets its own job");
        assertTrue(jobs.findLiveByUniqueKey("schedule:sweep").isPresent());
        assertFalse(
                jobs.findLiveByUniqueKey("schedule:sweep").orElseThrow().id().equals(queued.id()));
    }
}
