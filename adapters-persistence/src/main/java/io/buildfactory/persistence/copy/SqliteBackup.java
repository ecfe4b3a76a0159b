package io.buildfactory.persistence.copy;

import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.Vendor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A consistent copy of a live SQLite database in one file, made while the server keeps serving: {@code VACUUM INTO}
 * writes the database as one read transaction sees it (so writers carry on, and the copy never restarts however
 * busy they are, as the page-by-page backup API does whenever another connection writes between its steps), into
 * a file beside the destination, which is checked with {@code PRAGMA integrity_check} and only then moved into
 * place. A backup that fails or is interrupted leaves no file under the destination's name.
 */
public final class SqliteBackup {

    private SqliteBackup() {}

    /** What was written: the file, its size and how many tables it holds. */
    public record Result(Path file, long bytes, long tables) {}

    /** Thrown when the backup cannot be made or does not check; nothing is left at the destination. */
    public static final class BackupFailed extends RuntimeException {
        BackupFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static Result backUp(Database database, Path destination) {
        if (database.vendor() != Vendor.SQLITE) {
            throw new BackupFailed(
                    "db backup copies SQLite files; back up PostgreSQL with pg_dump (docs/operations.md)", null);
        }
        Path target = destination.toAbsolutePath().normalize();
        if (Files.exists(target)) {
            throw new BackupFailed(target + " exists already; name a new file", null);
        }
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(partial);
            try (Connection c = database.dataSource().getConnection();
                    Statement s = c.createStatement()) {
                s.execute("VACUUM INTO '" + partial.toString().replace("'", "''") + "'");
            }
            long tables = check(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return new Result(target, Files.size(target), tables);
        } catch (SQLException e) {
            deleteQuietly(partial);
            throw new BackupFailed("the backup failed: " + e.getMessage(), e);
        } catch (IOException e) {
            deleteQuietly(partial);
            throw new UncheckedIOException("the backup could not be written at " + target, e);
        } catch (RuntimeException e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    /** Opens the copy on its own and asks SQLite to check every page and index. @return its tables */
    private static long check(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement s = c.createStatement()) {
            List<String> problems = new ArrayList<>();
            try (ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                while (r.next()) {
                    problems.add(r.getString(1));
                }
            }
            if (!problems.equals(List.of("ok"))) {
                throw new BackupFailed("the backup does not check: " + String.join("; ", problems), null);
            }
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover .partial file is named as such
        }
    }
}
