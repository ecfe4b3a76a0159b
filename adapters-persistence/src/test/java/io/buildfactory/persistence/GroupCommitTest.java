package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.identity.User;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SQLite's group commit: writers that queue behind a commit share the next one, each in its own savepoint.
 * (PostgreSQL commits concurrent transactions itself; what every caller sees on both engines is in {@link
 * TransactionRunnerContractTest}.)
 */
class GroupCommitTest {

    TestDatabase db;
    final Fixtures fixtures = new Fixtures();
    JooqTransactionRunner transactions;
    JooqUserRepository users;

    @BeforeEach
    void open() {
        db = TestDatabase.migrated(Engine.SQLITE);
        transactions = new JooqTransactionRunner(db.database());
        users = new JooqUserRepository(db.database());
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void writers_that_queue_behind_a_commit_share_the_next_one_and_a_failing_one_rolls_back_alone() throws Exception {
        Database database = db.database();
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(11);
        try {
            Future<?> first = pool.submit(() -> transactions.inTransaction(() -> {
                users.insert(fixtures.user());
                holding.countDown();
                await(release);
            }));
            await(holding);
            long commits = database.commits();
            long units = database.unitsCommitted();
            List<User> queuedUsers = new ArrayList<>();
            List<Future<?>> queued = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                User user = fixtures.user();
                queuedUsers.add(user);
                boolean fails = i == 3;
                queued.add(pool.submit(() -> transactions.inTransaction(() -> {
                    users.insert(user);
                    if (fails) {
                        database.changedAfterCommit(ChangeFeed.Topic.PRINCIPALS);
                        throw new IllegalStateException("the fourth fails");
                    }
                    return user;
                })));
            }
            java.time.Instant deadline = java.time.Instant.now().plusSeconds(10);
            while (database.queuedUnits() < 10 && java.time.Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
            assertEquals(10, database.queuedUnits(), "all ten wait behind the first");
            long version = database.changes().version(ChangeFeed.Topic.PRINCIPALS);
            release.countDown();
            first.get();
            for (int i = 0; i < queued.size(); i++) {
                if (i == 3) {
                    var thrown = assertThrows(java.util.concurrent.ExecutionException.class, queued.get(i)::get);
                    assertEquals("the fourth fails", thrown.getCause().getMessage());
                } else {
                    assertEquals(queuedUsers.get(i), queued.get(i).get());
                }
            }
            assertEquals(commits + 2, database.commits(), "the first, then the ten together");
            assertEquals(units + 10, database.unitsCommitted(), "the first and nine of the ten");
            assertEquals(Optional.empty(), users.findById(queuedUsers.get(3).id()), "rolled back to its savepoint");
            assertEquals(
                    version,
                    database.changes().version(ChangeFeed.Topic.PRINCIPALS),
                    "a unit that failed announces nothing");
            for (int i = 0; i < queuedUsers.size(); i++) {
                assertEquals(i != 3, users.findById(queuedUsers.get(i).id()).isPresent(), "user " + i);
            }
        } finally {
            release.countDown();
            pool.shutdown();
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            if (!latch.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
