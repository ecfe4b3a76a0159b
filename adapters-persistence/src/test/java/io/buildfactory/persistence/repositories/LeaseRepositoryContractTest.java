package io.buildfactory.persistence.repositories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.Visibility;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Single-writer leases with fencing tokens, on both databases: the grant race, the term's edge, the token order. */
class LeaseRepositoryContractTest extends OnBothEngines {

    static final Instant T0 = Fixtures.NOW;

    JooqLeaseRepository leases;
    RepositoryId repository;
    UserId alice;
    UserId bob;

    @BeforeEach
    void repository() {
        Project project = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(project);
        CodeRepository repo = CodeRepository.create(
                new RepositoryId(fixtures.id()),
                project.id(),
                "factory",
                "main",
                Visibility.PRIVATE,
                "s3://bf/factory",
                T0);
        new JooqCodeRepositories(db.database()).insert(repo);
        repository = repo.id();
        leases = new JooqLeaseRepository(db.database());
        alice = fixtures.user().id();
        bob = fixtures.user().id();
    }

    Optional<Lease> acquire(UserId who, Instant at) {
        return db.database().transaction(() -> leases.acquire(repository, who, at));
    }

    @Test
    void a_lease_is_held_for_exactly_72_hours_then_free_and_its_dead_holder_frees_nothing_early() {
        Lease first = acquire(alice, T0).orElseThrow();
        assertEquals(new FencingToken(1), first.token());
        assertEquals(T0.plus(Duration.ofHours(72)), first.expiresAt());
        Instant almost = T0.plus(Duration.ofHours(72)).minusSeconds(1); // 71:59:59
        assertEquals(Optional.empty(), acquire(bob, almost), "held at 71:59:59, though alice never came back");
        assertEquals(Optional.of(first), leases.current(repository, almost));
        Instant expiry = T0.plus(Duration.ofHours(72));
        assertEquals(Optional.empty(), leases.current(repository, expiry), "free at 72:00:00");
        Lease second = acquire(bob, expiry).orElseThrow();
        assertEquals(new FencingToken(2), second.token());
        assertFalse(
                db.database().transaction(() -> leases.release(repository, alice, first.token(), expiry)),
                "the expired holder cannot release the new grant");
    }

    @Test
    void a_grant_that_ran_out_unreleased_is_recorded_once_and_a_released_one_never() {
        Lease first = acquire(alice, T0).orElseThrow();
        Instant expiry = first.expiresAt();
        assertEquals(List.of(), leases.expiredUnrecorded(expiry.minusSeconds(1), 10), "not yet run out");
        assertEquals(List.of(first), leases.expiredUnrecorded(expiry, 10));
        assertEquals(Optional.of(first), leases.expiredUnrecorded(repository, expiry));
        assertTrue(db.database().transaction(() -> leases.recordExpiry(repository, first.token(), expiry)));
        assertFalse(db.database().transaction(() -> leases.recordExpiry(repository, first.token(), expiry)), "once");
        assertEquals(List.of(), leases.expiredUnrecorded(expiry, 10));
        Lease second = acquire(bob, expiry).orElseThrow();
        assertTrue(db.database().transaction(() -> leases.release(repository, bob, second.token(), expiry)));
        assertEquals(List.of(), leases.expiredUnrecorded(second.expiresAt(), 10), "a released grant does not expire");
    }

    @Test
    void only_the_holder_releases_with_the_current_token_and_the_next_grant_counts_on() {
        Lease lease = acquire(alice, T0).orElseThrow();
        Instant later = T0.plusSeconds(60);
        assertFalse(db.database().transaction(() -> leases.release(repository, bob, lease.token(), later)));
        assertFalse(db.database().transaction(() -> leases.release(repository, alice, new FencingToken(9), later)));
        assertTrue(db.database().transaction(() -> leases.release(repository, alice, lease.token(), later)));
        assertFalse(db.database().transaction(() -> leases.release(repository, alice, lease.token(), later)), "once");
        assertEquals(Optional.empty(), leases.current(repository, later));
        assertEquals(new FencingToken(2), acquire(bob, later).orElseThrow().token());
        LeaseRepository.Standing standing = leases.standing(repository, later);
        assertEquals(2, standing.lastToken());
        assertEquals(Optional.of(bob), standing.held().map(Lease::holder), "the grant and the token, read together");
        assertEquals(
                Optional.empty(),
                leases.standing(repository, later.plus(Lease.TERM)).held(),
                "run out: the token stays, the grant does not");
        assertEquals(
                Optional.of(bob),
                db.database()
                        .transaction(() -> leases.lockCurrent(repository, later))
                        .map(Lease::holder));
    }

    @Test
    void of_a_hundred_concurrent_acquirers_exactly_one_wins() throws Exception {
        int callers = 100;
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Optional<Lease>>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                UserId caller = new UserId(fixtures.id());
                results.add(pool.submit(() -> {
                    start.await();
                    return acquire(caller, T0);
                }));
            }
            int winners = 0;
            for (Future<Optional<Lease>> r : results) {
                winners += r.get().isPresent() ? 1 : 0;
            }
            assertEquals(1, winners, "one grant; every other caller sees the lease held");
            assertEquals(1, leases.standing(repository, Fixtures.NOW).lastToken());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tokens_increase_strictly_over_a_thousand_grants_from_several_threads_and_survive_a_restart() throws Exception {
        int threads = 4;
        int grants = 1_000;
        AtomicInteger granted = new AtomicInteger();
        ConcurrentLinkedQueue<Long> tokens = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                UserId holder = new UserId(fixtures.id());
                done.add(pool.submit(() -> {
                    long previous = 0;
                    while (granted.get() < grants) {
                        Optional<Lease> lease = acquire(holder, T0);
                        if (lease.isEmpty()) {
                            continue;
                        }
                        long token = lease.get().token().value();
                        assertTrue(token > previous, "each holder sees its tokens rise");
                        previous = token;
                        tokens.add(token);
                        granted.incrementAndGet();
                        assertTrue(db.database()
                                .transaction(() -> leases.release(
                                        repository, holder, lease.get().token(), T0)));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Long> sorted = tokens.stream().sorted().toList();
        assertEquals(tokens.size(), sorted.stream().distinct().count(), "no token granted twice");
        assertEquals(sorted.size(), sorted.getLast(), "no token skipped: 1, 2, … n");
        assertTrue(sorted.size() >= grants);
        try (Database restarted = Database.open(db.settings())) {
            JooqLeaseRepository again = new JooqLeaseRepository(restarted);
            Lease next = restarted
                    .transaction(() -> again.acquire(repository, alice, T0))
                    .orElseThrow();
            assertEquals(sorted.getLast() + 1, next.token().value(), "the count lives in the database");
        }
    }
}
