package io.buildfactory.persistence.testing;

import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.DatabaseSettings;
import io.buildfactory.persistence.Migrations;
import io.buildfactory.persistence.Vendor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * A fresh, empty database for one test: a new SQLite file, or a new schema on the test PostgreSQL server.
 * Closing it throws the data away.
 */
public final class TestDatabase implements AutoCloseable {

    private final Engine engine;
    private final DatabaseSettings settings;
    private final Database database;
    private final Runnable cleanup;

    private TestDatabase(Engine engine, DatabaseSettings settings, Runnable cleanup) {
        this.engine = engine;
        this.settings = settings;
        this.database = Database.open(settings);
        this.cleanup = cleanup;
    }

    /** A fresh database with every migration applied. */
    public static TestDatabase migrated(Engine engine) {
        TestDatabase db = empty(engine);
        try {
            Migrations.of(db.database()).migrate(Optional.empty());
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** A fresh database with nothing in it. */
    public static TestDatabase empty(Engine engine) {
        return switch (engine) {
            case SQLITE -> sqlite();
            case POSTGRESQL -> postgres();
        };
    }

    private static TestDatabase sqlite() {
        try {
            Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "bf-sqlite-");
            Path file = dir.resolve("test.db");
            return new TestDatabase(
                    Engine.SQLITE, DatabaseSettings.fromUrl("jdbc:sqlite:" + file, 4), () -> deleteTree(dir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestDatabase postgres() {
        DatabaseSettings admin = PostgresServer.admin();
        String schema = "t_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        execute(admin, "CREATE SCHEMA " + schema);
        String url = admin.url() + (admin.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        DatabaseSettings settings = new DatabaseSettings(url, admin.user(), admin.password(), 4);
        return new TestDatabase(
                Engine.POSTGRESQL, settings, () -> execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
    }

    public Engine engine() {
        return engine;
    }

    public Vendor vendor() {
        return database.vendor();
    }

    public Database database() {
        return database;
    }

    public DatabaseSettings settings() {
        return settings;
    }

    /** A DATABASE_URL for the application under test: the JDBC URL with any credentials carried inside it. */
    public String databaseUrl() {
        StringBuilder url = new StringBuilder(settings.url());
        settings.user()
                .ifPresent(u -> url.append(url.indexOf("?") < 0 ? '?' : '&')
                        .append("user=")
                        .append(encode(u)));
        settings.password().ifPresent(p -> url.append('&').append("password=").append(encode(p)));
        return url.toString();
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Every value in every table of the application's schema, as text: for proving that something is nowhere. */
    public String everything() {
        StringBuilder all = new StringBuilder();
        for (org.jooq.Table<?> table : io.buildfactory.persistence.jooq.DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (org.jooq.Record row : database.dsl().selectFrom(table).fetch()) {
                all.append(table.getName()).append(':');
                for (Object value : row.intoArray()) {
                    all.append(value).append('|');
                }
                all.append('\n');
            }
        }
        return all.toString();
    }

    /** A plain JDBC connection outside the application's pool, as a tamperer or an operator would use. */
    public Connection rawConnection() throws SQLException {
        Connection connection = DriverManager.getConnection(
                settings.url(),
                settings.user().orElse(null),
                settings.password().orElse(null));
        if (engine == Engine.SQLITE) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA foreign_keys = ON");
            }
        }
        return connection;
    }

    @Override
    public void close() {
        database.close();
        cleanup.run();
    }

    private static void execute(DatabaseSettings settings, String sql) {
        try (Connection connection = DriverManager.getConnection(
                        settings.url(),
                        settings.user().orElse(null),
                        settings.password().orElse(null));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test setup failed: " + e.getMessage(), e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder under target/; mvn clean removes what is left
        }
    }
}
