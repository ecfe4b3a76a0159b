package io.buildfactory.persistence.repositories;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.projects.Project;
import io.buildfactory.domain.repositories.CodeRepository;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Mirror;
import io.buildfactory.domain.repositories.MirrorDirection;
import io.buildfactory.domain.repositories.MirrorId;
import io.buildfactory.domain.repositories.MirrorStatus;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.SyncClaim;
import io.buildfactory.domain.repositories.Visibility;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.projects.JooqProjectRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Mirrors on both databases: one per remote and direction, and a due mirror claimed by one syncer at a time. */
class MirrorRepositoryContractTest extends OnBothEngines {

    static final Instant T0 = Fixtures.NOW;
    static final Duration CLAIM = Duration.ofMinutes(30);

    JooqMirrorRepository mirrors;
    RepositoryId repository;
    UserId writer;

    Project project;

    @BeforeEach
    void repository() {
        project = fixtures.project("BF");
        new JooqProjectRepository(db.database()).insert(project);
        repository = newRepository("factory");
        mirrors = new JooqMirrorRepository(db.database());
        writer = fixtures.user().id();
    }

    Mirror mirror(String remote, MirrorDirection direction, Instant at) {
        return mirror(repository, remote, direction, at);
    }

    Mirror mirror(RepositoryId of, String remote, MirrorDirection direction, Instant at) {
        Mirror m = Mirror.create(
                new MirrorId(fixtures.id()),
                of,
                new RemoteUrl(remote),
                direction,
                Duration.ofMinutes(5),
                true,
                new FencingToken(1),
                writer,
                at);
        db.database().transaction(() -> {
            mirrors.insert(m);
            return m;
        });
        return m;
    }

    RepositoryId newRepository(String name) {
        CodeRepository repo = CodeRepository.create(
                new RepositoryId(fixtures.id()), project.id(), name, "main", Visibility.PRIVATE, "s3://f", T0);
        new JooqCodeRepositories(db.database()).insert(repo);
        return repo.id();
    }

    final Map<String, SyncClaim> claims = new ConcurrentHashMap<>();

    /** The claim the test calls {@code name}: each name its own claim. */
    SyncClaim named(String name) {
        return claims.computeIfAbsent(name, n -> new SyncClaim(fixtures.id()));
    }

    Optional<Mirror> claim(Instant now, String claim) {
        return db.database().transaction(() -> mirrors.claimDue(now, now.plus(CLAIM), named(claim)));
    }

    @Test
    void a_mirror_reads_back_as_written_once_per_remote_and_direction() {
        Mirror pull = mirror("https://git.example.com/a.git", MirrorDirection.PULL, T0);
        assertEquals(Optional.of(pull), mirrors.find(pull.id()));
        Mirror push = mirror("https://git.example.com/a.git", MirrorDirection.PUSH, T0);
        assertEquals(List.of(pull, push), mirrors.ofRepository(repository));
        ConflictException twice = assertThrows(
                ConflictException.class, () -> mirror("https://git.example.com/a.git", MirrorDirection.PUSH, T0));
        assertTrue(twice.getMessage().contains("remote"), twice.getMessage());
        ConflictException secondUpstream = assertThrows(
                ConflictException.class, () -> mirror("https://other.example.com/a.git", MirrorDirection.PULL, T0));
        assertTrue(secondUpstream.getMessage().contains("one upstream"), secondUpstream.getMessage());
        mirror("https://other.example.com/a.git", MirrorDirection.PUSH, T0); // pushes: as many as needed
        assertTrue(db.database().transaction(() -> mirrors.delete(pull.id())));
        assertEquals(2, mirrors.ofRepository(repository).size());
    }

    @Test
    void while_one_mirror_of_a_repository_syncs_no_other_mirror_of_it_is_claimed_and_a_live_claim_is_renewed() {
        Mirror pull = mirror("https://git.example.com/a.git", MirrorDirection.PULL, T0);
        Mirror push = mirror("https://git.example.com/b.git", MirrorDirection.PUSH, T0.plusSeconds(1));
        Mirror first = claim(T0.plusSeconds(2), "first").orElseThrow();
        assertEquals(pull.id(), first.id(), "the one due soonest");
        assertEquals(Optional.empty(), claim(T0.plusSeconds(3), "second"), "its sibling waits: one sync per copy");

        Instant renewedUntil = T0.plusSeconds(2).plus(CLAIM).plus(Duration.ofMinutes(1));
        assertTrue(db.database().transaction(() -> mirrors.extendClaim(pull.id(), named("first"), renewedUntil)));
        assertFalse(
                db.database().transaction(() -> mirrors.extendClaim(pull.id(), named("other"), renewedUntil)),
                "only its own claim is renewed");
        assertEquals(
                Optional.empty(),
                claim(T0.plusSeconds(2).plus(CLAIM), "third"),
                "renewed: neither it nor its sibling is free where the first claim would have run out");
        db.database().transaction(() -> mirrors.recordSync(first.synced(Mirror.SyncChanges.NONE, T0), named("first")));
        assertEquals(push.id(), claim(T0.plusSeconds(4), "fourth").orElseThrow().id(), "its turn now");
        assertEquals(Optional.of(first.id()), mirrors.lock(first.id()).map(Mirror::id));
    }

    @Test
    void a_due_mirror_is_claimed_once_until_its_outcome_is_recorded_or_its_claim_runs_out() {
        Mirror m = mirror("https://git.example.com/a.git", MirrorDirection.PULL, T0);
        assertEquals(Optional.empty(), claim(T0.minusSeconds(1), "early"), "not due yet");
        Mirror claimed = claim(T0, "first").orElseThrow();
        assertEquals(Optional.of(T0.plus(CLAIM)), claimed.syncingUntil());
        assertEquals(Optional.empty(), claim(T0.plusSeconds(1), "second"), "claimed: no second syncer");

        Mirror synced = claimed.synced(new Mirror.SyncChanges(3, 1), T0.plusSeconds(5));
        assertFalse(db.database().transaction(() -> mirrors.recordSync(synced, named("second"))), "not its claim");
        assertTrue(db.database().transaction(() -> mirrors.recordSync(synced, named("first"))));
        Mirror read = mirrors.find(m.id()).orElseThrow();
        assertEquals(MirrorStatus.SYNCED, read.status());
        assertEquals(new Mirror.SyncChanges(3, 1), read.lastChanges());
        assertEquals(Optional.empty(), read.syncingUntil(), "the claim ends with the outcome");
        assertEquals(T0.plusSeconds(5).plus(Duration.ofMinutes(5)), read.nextSyncAt());
        assertFalse(db.database().transaction(() -> mirrors.recordSync(synced, named("first"))), "once");

        Instant due = read.nextSyncAt();
        Mirror again = claim(due, "third").orElseThrow();
        assertEquals(Optional.empty(), claim(due.plus(CLAIM).minusSeconds(1), "fourth"), "its claim holds");
        Mirror takenOver = claim(due.plus(CLAIM), "fifth").orElseThrow();
        assertEquals(again.id(), takenOver.id(), "a claim that ran out (a dead syncer) is taken over");
        assertFalse(
                db.database()
                        .transaction(() -> mirrors.recordSync(again.failed("late", due.plus(CLAIM)), named("third"))),
                "the syncer whose claim ran out cannot record over the one that took it over");
    }

    @Test
    void concurrent_syncers_each_claim_a_mirror_of_a_different_repository_and_none_twice() throws Exception {
        int count = 8;
        for (int i = 0; i < count; i++) {
            mirror(newRepository("r" + i), "https://git.example.com/" + i + ".git", MirrorDirection.PULL, T0);
        }
        int callers = 16;
        CyclicBarrier start = new CyclicBarrier(callers);
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<List<MirrorId>>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String claim = "syncer-" + i;
                named(claim); // made here: the fixtures' ids are not made from many threads
                results.add(pool.submit(() -> {
                    start.await();
                    List<MirrorId> mine = new ArrayList<>();
                    for (Optional<Mirror> m = claim(T0, claim); m.isPresent(); m = claim(T0, claim)) {
                        mine.add(m.get().id());
                    }
                    return mine;
                }));
            }
            List<MirrorId> all = new ArrayList<>();
            for (Future<List<MirrorId>> r : results) {
                all.addAll(r.get());
            }
            Set<MirrorId> distinct = new HashSet<>(all);
            assertEquals(all.size(), distinct.size(), "no mirror claimed twice: " + all);
            assertEquals(count, distinct.size(), "every due mirror claimed");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void settings_move_under_their_version_and_leave_the_outcome_of_syncs_alone() {
        Mirror m = mirror("https://git.example.com/a.git", MirrorDirection.PULL, T0);
        Mirror claimed = claim(T0, "c").orElseThrow();
        db.database()
                .transaction(() -> mirrors.recordSync(claimed.failed("remote hung up", T0.plusSeconds(2)), named("c")));
        Mirror failed = mirrors.find(m.id()).orElseThrow();
        assertEquals(1, failed.consecutiveFailures());
        assertEquals(T0.plusSeconds(2).plus(Duration.ofMinutes(10)), failed.nextSyncAt(), "twice the interval");

        Mirror disabled =
                failed.withSettings(Duration.ofMinutes(1), false, false, new FencingToken(2), T0.plusSeconds(9));
        assertTrue(db.database().transaction(() -> mirrors.updateSettings(disabled)));
        assertFalse(db.database().transaction(() -> mirrors.updateSettings(disabled)), "that version is gone");
        Mirror read = mirrors.find(m.id()).orElseThrow();
        assertEquals(disabled, read);
        assertEquals(Optional.of("remote hung up"), read.lastError(), "the sync's outcome stays");
        assertEquals(new FencingToken(2), read.writtenUnder());
        assertEquals(Optional.empty(), claim(T0.plus(Duration.ofDays(1)), "d"), "a disabled mirror is never due");

        assertTrue(db.database().transaction(() -> mirrors.makeDue(m.id(), T0)));
        assertEquals(Optional.empty(), claim(T0, "e"), "still disabled");
    }
}
