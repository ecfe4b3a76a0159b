package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.User;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.persistence.identity.JooqSessionRepository;
import io.buildfactory.persistence.identity.JooqUserRepository;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionRunnerContractTest extends OnBothEngines {

    JooqTransactionRunner transactions;
    JooqUserRepository users;
    JooqSessionRepository sessions;

    @BeforeEach
    void wire() {
        transactions = new JooqTransactionRunner(db.database());
        users = new JooqUserRepository(db.database());
        sessions = new JooqSessionRepository(db.database());
    }

    @Test
    void a_failure_midway_leaves_nothing_behind() {
        User user = fixtures.user();
        assertThrows(
                IllegalStateException.class,
                () -> transactions.inTransaction(() -> {
                    users.insert(user);
                    sessions.insert(
                            fixtures.session(user.id(), Fixtures.NOW, Duration.ofMinutes(30), Duration.ofHours(12)));
                    throw new IllegalStateException("the audit write failed");
                }));
        assertEquals(Optional.empty(), users.findById(user.id()));
        assertTrue(sessions.validSessionsOf(user.id(), Fixtures.NOW).isEmpty());
    }

    @Test
    void a_refused_write_rolls_back_the_writes_before_it() {
        User first = fixtures.user();
        users.insert(first);
        User second = fixtures.user();
        User clash = fixtures.user().changeEmail(first.email(), Fixtures.NOW);
        assertThrows(
                ConflictException.class,
                () -> transactions.inTransaction(() -> {
                    users.insert(second);
                    users.insert(clash);
                }));
        assertEquals(Optional.empty(), users.findById(second.id()));
    }

    @Test
    void nested_calls_join_the_outer_transaction() {
        User user = fixtures.user();
        assertThrows(
                IllegalStateException.class,
                () -> transactions.inTransaction(() -> {
                    transactions.inTransaction(() -> users.insert(user));
                    throw new IllegalStateException("outer fails after the inner call returned");
                }));
        assertEquals(Optional.empty(), users.findById(user.id()));
    }

    @Test
    void concurrent_writers_all_succeed_without_busy_errors() throws Exception {
        int writers = 8;
        int perWriter = 40;
        List<List<User>> planned = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<User> batch = new ArrayList<>();
            for (int i = 0; i < perWriter; i++) {
                batch.add(fixtures.user());
            }
            planned.add(batch);
        }
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (List<User> batch : planned) {
                done.add(pool.submit(() -> batch.forEach(u -> transactions.inTransaction(() -> {
                    users.insert(u);
                    users.update(u.rename(u.displayName() + " (renamed)", Fixtures.NOW));
                }))));
            }
            for (Future<?> f : done) {
                f.get(); // rethrows any writer's failure, SQLITE_BUSY included
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(
                writers * perWriter, users.list(PageRequest.first(500)).items().size());
        assertTrue(users.list(PageRequest.first(500)).items().stream().allMatch(u -> u.version() == 2));
    }

    @Test
    void concurrent_callers_each_get_their_own_outcome_and_a_failing_one_takes_only_its_own_writes_back()
            throws Exception {
        int callers = 32;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        List<User> kept = java.util.Collections.synchronizedList(new ArrayList<>());
        List<User> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                List<User> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    mine.add(fixtures.user()); // fixtures count on one thread
                }
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        User user = mine.get(i);
                        boolean fails = (caller + i) % 5 == 0;
                        try {
                            User returned = transactions.inTransaction(() -> {
                                users.insert(user);
                                if (fails) {
                                    throw new IllegalStateException("refused " + user.id());
                                }
                                return user;
                            });
                            assertEquals(user, returned, "each caller gets its own result back");
                            kept.add(user);
                        } catch (IllegalStateException e) {
                            assertTrue(fails, "only a failing unit fails: " + e);
                            assertEquals("refused " + user.id(), e.getMessage(), "its own failure");
                            refused.add(user);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        assertEquals(callers * each, kept.size() + refused.size());
        for (User u : kept) {
            assertEquals(Optional.of(u.id()), users.findById(u.id()).map(User::id), "acknowledged, so kept");
        }
        for (User u : refused) {
            assertEquals(Optional.empty(), users.findById(u.id()), "its own writes went back with it");
        }
    }
}
