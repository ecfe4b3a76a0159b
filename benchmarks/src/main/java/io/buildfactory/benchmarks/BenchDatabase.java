package io.buildfactory.benchmarks;

import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DatabaseSettings;
import io.buildfactory.persistence.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;

/** A fresh, migrated database for one benchmark: a new SQLite file, or a new schema on a PostgreSQL server. */
final class BenchDatabase implements AutoCloseable {

    final String name;
    final DatabaseSettings settings;
    final Database database;
    private final Runnable cleanup;

    private BenchDatabase(String name, DatabaseSettings settings, Runnable cleanup) {
        this.name = name;
        this.settings = settings;
        this.database = Database.open(settings);
        this.cleanup = cleanup;
        Migrations.of(database).migrate(Optional.empty());
    }

    /** {@code sqlite}, or a PostgreSQL URL ({@code postgres://…} or {@code jdbc:postgresql:…}). */
    static BenchDatabase open(String target) throws IOException, SQLException {
        if (target.equals("sqlite")) {
            Path dir = Files.createTempDirectory("bf-bench-");
            return new BenchDatabase(
                    "SQLite", DatabaseSettings.fromUrl("jdbc:sqlite:" + dir.resolve("bench.db"), 4), () -> delete(dir));
        }
        DatabaseSettings server = DatabaseSettings.fromUrl(target, 4);
        String schema = "bench_" + System.currentTimeMillis();
        execute(server, "CREATE SCHEMA " + schema);
        String url = server.url() + (server.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return new BenchDatabase(
                "PostgreSQL",
                new DatabaseSettings(url, server.user(), server.password(), 4),
                () -> execute(server, "DROP SCHEMA " + schema + " CASCADE"));
    }

    Connection rawConnection() throws SQLException {
        return DriverManager.getConnection(
                settings.url(),
                settings.user().orElse(null),
                settings.password().orElse(null));
    }

    @Override
    public void close() {
        database.close();
        cleanup.run();
    }

    private static void execute(DatabaseSettings s, String sql) {
        try (Connection c = DriverManager.getConnection(
                s.url(), s.user().orElse(null), s.password().orElse(null))) {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files
        }
    }
}
