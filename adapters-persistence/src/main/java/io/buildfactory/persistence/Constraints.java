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

    private static boolean isUnique(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return PG_UNIQUE_VIOLATION.equals(e.getSQLState());
    }
}
