package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseUnreachableTest {

    @Test
    void an_unreachable_or_locked_database_is_a_retry_whatever_wrapped_it() {
        assertTrue(DatabaseUnreachable.is(new IllegalStateException(new SQLTransientConnectionException("timeout"))));
        assertTrue(DatabaseUnreachable.is(new RuntimeException(new SQLException("I/O error", "08006"))));
        assertTrue(DatabaseUnreachable.is(new RuntimeException(new SQLException("terminating", "57P01"))));
        assertTrue(DatabaseUnreachable.is(
                new RuntimeException(new SQLException("[SQLITE_BUSY] The database file is locked", null, 5))));
        assertTrue(DatabaseUnreachable.is(new RuntimeException(new java.net.ConnectException("refused"))));
    }

    @Test
    void a_fault_in_the_request_or_the_code_is_not() {
        assertFalse(DatabaseUnreachable.is(new RuntimeException(new SQLException("syntax error", "42601"))));
        assertFalse(DatabaseUnreachable.is(new RuntimeException(new SQLException("unique", "23505"))));
        assertFalse(DatabaseUnreachable.is(new IllegalStateException("a bug")));
        assertFalse(DatabaseUnreachable.is(new RuntimeException(new SQLException("[SQLITE_CONSTRAINT]", null, 19))));
    }
}
