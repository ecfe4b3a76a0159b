package io.buildfactory.persistence;

import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Reads constraint violations out of driver exceptions, the same way for both databases. */
public final class Constraints {

    private static final String PG_UNIQUE_VIOLATION = "23505";

    private Constraints() {
    }

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
                return sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return "23503".equals(sql.getSQLState());
            }
        }
        return false;
    }

    /**
     * Whether the database refused the statement as written or the data in it, so that it fails the same way
     * however often it is retried: a constraint, an invalid or unrepresentable value (malformed JSON, a NUL in
     * text), a value too large, a statement it cannot run. PostgreSQL: SQLSTATE classes 22, 23, 42 and 54;
     * SQLite: ERROR, CONSTRAINT, MISMATCH, TOOBIG and RANGE. Anything else (a lost connection, a database that is
     * down, busy or locked, a full disk) is transient.
     */
    public static boolean isRefusedData(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException sqlite) {
                int primary = sqlite.getResultCode().code & 0xff;
                return primary == SQLiteErrorCode.SQLITE_ERROR.code
                        || primary == SQLiteErrorCode.SQLITE_CONSTRAINT.code
                        || primary == SQLiteErrorCode.SQLITE_MISMATCH.code
                        || primary == SQLiteErrorCode.SQLITE_TOOBIG.code
                        || primary == SQLiteErrorCode.SQLITE_RANGE.code;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().length() == 5) {
                return switch (sql.getSQLState().substring(0, 2)) {
                    case "22", "23", "42", "54" -> true;
                    default -> false;
                };
            }
        }
        return false;
    }

    private static boolean isUnique(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return PG_UNIQUE_VIOLATION.equals(e.getSQLState());
    }
}
