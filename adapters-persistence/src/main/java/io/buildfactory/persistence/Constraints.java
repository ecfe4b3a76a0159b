package io.buildfactory.persistence;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Reads constraint violations out of driver exceptions, the same way for both databases. */
public final class Constraints {

    private static final String PG_UNIQUE_VIOLATION = "23505";

    private Constraints() {}

    /**
     * Whether {@code failure} is a unique-key violation whose message names {@code column} (SQLite names the
     * columns, PostgreSQL the index; our index names contain their columns).
     */
    public static boolean isUniqueViolation(Throwable failure, String column) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && isUnique(sql)) {
                return sql.getMessage() != null && sql.getMessage().contains(column);
            }
        }
        return false;
    }

    /** Whether {@code failure} is a foreign-key violation: a reference to a row that does not exist. */
    public static boolean isForeignKeyViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                // a RESTRICT refusal comes without the extended code, as a plain constraint failure
                return sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY
                        || sqlite.getMessage() != null && sqlite.getMessage().contains("FOREIGN KEY constraint failed");
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return "23503".equals(sql.getSQLState());
            }
        }
        return false;
    }

    /**
     * Whether the database refused the data itself, so that the same rows fail the same way however often they
     * are retried: a constraint, an invalid or unrepresentable value (malformed JSON, a NUL in text), a value too
     * large. PostgreSQL: SQLSTATE classes 22, 23 and 54; SQLite: CONSTRAINT, MISMATCH, TOOBIG, RANGE, and the
     * generic ERROR only when it says the JSON is malformed. Anything else is treated as transient and retried: a
     * lost connection or a database that is down, busy, locked or full, and also a missing table or a permission
     * (the environment is wrong, not the rows: refusing every row there would throw away all that was accepted).
     */
    public static boolean isRefusedData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xff;
                return primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                        || primary == SQLiteErrorCode.SQLITE_MISMATCH.code
                        || primary == SQLiteErrorCode.SQLITE_TOOBIG.code
                        || primary == SQLiteErrorCode.SQLITE_RANGE.code
                        || primary == SQLiteErrorCode.SQLITE_ERROR.code
                                && String.valueOf(sqlite.getMessage()).contains("malformed JSON");
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().length() == 5) {
                return switch (sql.getSQLState().substring(0, 2)) {
                    case "22", "23", "54" -> true;
                    default -> false;
                };
            }
        }
        return false;
    }

    private static boolean isUnique(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return PG_UNIQUE_VIOLATION.equals(e.getSQLState());
    }
}
