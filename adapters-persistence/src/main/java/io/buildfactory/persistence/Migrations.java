package io.buildfactory.persistence;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;

/** Flyway over the vendor's own migration folder: forward-only, versions shared by both vendors. */
public final class Migrations {

    private final DataSource dataSource;
    private final String location;

    public Migrations(DataSource dataSource, String location) {
        this.dataSource = dataSource;
        this.location = location;
    }

    public static Migrations of(Database database) {
        return new Migrations(database.dataSource(), database.vendor().migrationLocation());
    }

    /** A migration and where it stands. */
    public record Status(
            String version, String description, String script, String state, Optional<Instant> appliedAt) {}

    /** A migration not yet applied, with the SQL it would run. */
    public record Pending(String version, String description, String script, String sql) {}

    /** Applies pending migrations up to {@code target} (all when empty). @return the versions applied */
    public List<String> migrate(Optional<String> target) {
        try {
            MigrateResult result = flyway(target).migrate();
            return result.migrations.stream().map(m -> m.version).toList();
        } catch (FlywayException e) {
            discardConnections();
            throw new MigrationException(e.getMessage(), e);
        }
    }

    /**
     * A script that runs outside Flyway's transaction (SQLite's V9 rebuild) and fails midway leaves its connection
     * inside its open savepoint, with foreign keys off. Closing the pool's connections rolls that back for good
     * instead of handing the connection to the next request.
     */
    private void discardConnections() {
        try {
            if (dataSource.isWrapperFor(HikariDataSource.class)) {
                dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean().softEvictConnections();
            }
        } catch (SQLException ignored) {
            // not a pool: nothing is kept for later
        }
    }

    /** What {@link #migrate} would apply, changing nothing. */
    public List<Pending> pending(Optional<String> target) {
        try {
            return Arrays.stream(flyway(target).info().pending())
                    .filter(m -> target.isEmpty()
                            || m.getVersion().compareTo(MigrationVersion.fromVersion(target.get())) <= 0)
                    .map(m -> new Pending(m.getVersion().getVersion(), m.getDescription(), m.getScript(), sqlOf(m)))
                    .toList();
        } catch (FlywayException e) {
            throw new MigrationException(e.getMessage(), e);
        }
    }

    public List<Status> info() {
        try {
            return Arrays.stream(flyway(Optional.empty()).info().all())
                    .map(m -> new Status(
                            m.getVersion() == null ? "" : m.getVersion().getVersion(),
                            m.getDescription(),
                            m.getScript(),
                            m.getState().getDisplayName(),
                            Optional.ofNullable(m.getInstalledOn()).map(java.util.Date::toInstant)))
                    .toList();
        } catch (FlywayException e) {
            throw new MigrationException(e.getMessage(), e);
        }
    }

    /** Checks applied migrations against the files: a changed, missing or failed migration is an error. */
    public void validate() {
        ValidateResult result;
        try {
            result = flyway(Optional.empty()).validateWithResult();
        } catch (FlywayException e) {
            throw new MigrationException(e.getMessage(), e);
        }
        if (!result.validationSuccessful) {
            String details = result.invalidMigrations.stream()
                    .map(m -> m.version + " (" + m.filepath + "): " + m.errorDetails.errorMessage)
                    .reduce((a, b) -> a + "; " + b)
                    .orElse(result.getAllErrorMessages());
            throw new MigrationException("migrations do not match the database: " + details, null);
        }
    }

    /** Versions of every migration this build ships. */
    public List<String> available() {
        return Arrays.stream(flyway(Optional.empty()).info().all())
                .filter(m -> m.getVersion() != null)
                .map(m -> m.getVersion().getVersion())
                .toList();
    }

    private Flyway flyway(Optional<String> target) {
        var config = Flyway.configure()
                .dataSource(dataSource)
                .locations(location)
                .cleanDisabled(true)
                .validateMigrationNaming(true)
                .loggers("slf4j");
        target.ifPresent(config::target);
        return config.load();
    }

    private String sqlOf(MigrationInfo migration) {
        String script = migration.getScript();
        if (location.startsWith("filesystem:")) {
            try {
                return Files.readString(Path.of(location.substring("filesystem:".length()), script));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String resource = location.substring("classpath:".length()) + "/" + script;
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new MigrationException("migration script not found on the classpath: " + resource, null);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A migration failed or does not match what was applied. The message says which and why. */
    public static final class MigrationException extends RuntimeException {
        public MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
