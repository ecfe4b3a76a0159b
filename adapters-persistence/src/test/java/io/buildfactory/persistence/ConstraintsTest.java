package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.util.Map;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Which driver failures are the data's fault (refused for good) and which the environment's (retried). */
class ConstraintsTest {

    static boolean refused(Throwable driverFailure) {
        return Constraints.isRefusedData(new DataAccessException("SQL [insert …]", driverFailure));
    }

    @Test
    void postgresql_data_and_constraint_classes_are_refusals_and_the_rest_is_transient() {
        Map<String, Boolean> expected = Map.of(
                "22P05", true, // untranslatable character: \\u0000 in jsonb
                "22P02", true, // invalid text representation: malformed JSON
                "23514", true, // check violation
                "54000", true, // program limit exceeded: a value too large to index
                "08006", false, // connection failure
                "57P01", false, // admin shutdown
                "53300", false, // too many connections
                "40001", false, // serialization failure
                "42P01", false, // undefined table: the schema is missing, not the data wrong
                "42501", false); // insufficient privilege
        expected.forEach(
                (state, permanent) -> assertEquals(permanent, refused(new SQLException("ERROR", state)), state));
    }

    @Test
    void sqlite_constraint_and_value_errors_are_refusals_and_busy_locked_or_missing_tables_are_transient() {
        assertEquals(
                true, refused(new SQLiteException("CHECK constraint failed", SQLiteErrorCode.SQLITE_CONSTRAINT_CHECK)));
        assertEquals(true, refused(new SQLiteException("datatype mismatch", SQLiteErrorCode.SQLITE_MISMATCH)));
        assertEquals(true, refused(new SQLiteException("string or blob too big", SQLiteErrorCode.SQLITE_TOOBIG)));
        assertEquals(
                true,
                refused(new SQLiteException(
                        "[SQLITE_ERROR] SQL error or missing database (malformed JSON)",
                        SQLiteErrorCode.SQLITE_ERROR)));
        assertEquals(
                false,
                refused(new SQLiteException(
                        "[SQLITE_ERROR] no such table: telemetry_events", SQLiteErrorCode.SQLITE_ERROR)));
        assertEquals(false, refused(new SQLiteException("database is locked", SQLiteErrorCode.SQLITE_BUSY)));
        assertEquals(false, refused(new SQLiteException("disk I/O error", SQLiteErrorCode.SQLITE_IOERR)));
        assertEquals(false, refused(new SQLiteException("database or disk is full", SQLiteErrorCode.SQLITE_FULL)));
    }

    @Test
    void a_failure_without_a_driver_code_is_transient() {
        assertEquals(false, Constraints.isRefusedData(new IllegalStateException("pool closed")));
    }
}
