package io.buildfactory.persistence;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure means the database cannot be reached right now (a 503 the client should retry), rather than a
 * fault in the request or the code (a 500): no connection to be had from the pool in time, a connection refused or
 * dropped (SQLSTATE class 08), the server shutting down or starting up (57P01–57P03), or a SQLite file another
 * process holds locked past the busy timeout. Read from the cause chain, whatever wrapped it on the way up. The
 * composition root hands {@link #is} to the HTTP layer, which answers such a failure 503 without knowing JDBC.
 */
public final class DatabaseUnreachable {

    /** sqlite-jdbc's result code for SQLITE_BUSY. */
    static final int SQLITE_BUSY = 5;

    private DatabaseUnreachable() {}

    public static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
                    return true;
                }
                if (sql.getErrorCode() == SQLITE_BUSY
                        && String.valueOf(sql.getMessage()).contains("SQLITE_BUSY")) {
                    return true;
                }
            }
        }
        return false;
    }
}
