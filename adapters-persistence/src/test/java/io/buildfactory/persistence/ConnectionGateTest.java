package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate in front of the pool: no more borrowers than connections, each permit back once, waiting bounded. */
class ConnectionGateTest {

    @TempDir
    Path tmp;

    HikariDataSource pool;
    ConnectionGate gate;

    @BeforeEach
    void pool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:sqlite:" + tmp.resolve("gate.db"));
        config.setMaximumPoolSize(2);
        pool = new HikariDataSource(config);
        gate = new ConnectionGate(pool, 2, 300);
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void a_third_borrower_waits_for_a_returned_connection_and_gets_it() throws Exception {
        ConnectionGate patient = new ConnectionGate(pool, 2, 10_000);
        Connection first = patient.getConnection();
        Connection second = patient.getConnection();
        CompletableFuture<Connection> third = CompletableFuture.supplyAsync(() -> {
            try {
                return patient.getConnection();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(200);
        assertFalse(third.isDone(), "both connections are out: the third borrower waits");
        first.close();
        first.close(); // a second close returns nothing more
        try (Connection got = third.get(5, TimeUnit.SECONDS);
                var statement = got.createStatement()) {
            assertTrue(statement.execute("SELECT 1"), "a working connection");
        }
        second.close();
        assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections(), "all back in the pool");
    }

    @Test
    void a_borrower_that_waits_past_the_timeout_is_told_so_and_a_double_close_frees_no_extra_permit() throws Exception {
        Connection first = gate.getConnection();
        assertEquals(first, first, "a connection equals itself");
        assertEquals(System.identityHashCode(first), first.hashCode());
        first.close();
        first.close();
        Connection a = gate.getConnection();
        Connection b = gate.getConnection();
        SQLTransientConnectionException busy = assertThrows(SQLTransientConnectionException.class, gate::getConnection);
        assertTrue(busy.getMessage().contains("300 ms"), busy.getMessage());
        a.close();
        b.close();
    }

    @Test
    void an_interrupted_thread_still_gets_a_free_connection_but_does_not_wait_for_one() throws Exception {
        Connection warmA = gate.getConnection();
        Connection warmB = gate.getConnection();
        warmA.close();
        warmB.close(); // both connections made and idle in the pool
        Thread.currentThread().interrupt();
        try {
            Connection free = gate.getConnection();
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt is kept for the caller");
            Connection other = gate.getConnection();
            assertThrows(SQLTransientConnectionException.class, gate::getConnection, "none free: no waiting");
            free.close();
            other.close();
        } finally {
            Thread.interrupted();
        }
        gate.getConnection().close();
    }
}
