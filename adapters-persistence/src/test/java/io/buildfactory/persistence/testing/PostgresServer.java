package io.buildfactory.persistence.testing;

import io.buildfactory.persistence.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;

/**
 * The PostgreSQL the tests use: the server named by {@code BF_TEST_POSTGRES_URL}, or else a real PostgreSQL 15
 * started once per test JVM from Maven Central binaries. If neither can be had, tests fail: they never skip.
 */
final class PostgresServer {

    static final String ENV = "BF_TEST_POSTGRES_URL";

    private static DatabaseSettings admin;

    private PostgresServer() {}

    /** Settings for a superuser connection to the server's maintenance database. */
    static synchronized DatabaseSettings admin() {
        if (admin == null) {
            String external = System.getenv(ENV);
            admin = external != null && !external.isBlank() ? DatabaseSettings.fromUrl(external, 4) : startEmbedded();
        }
        return admin;
    }

    private static DatabaseSettings startEmbedded() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the temporary data folder goes with it
                }
            }));
            return DatabaseSettings.fromUrl(server.getJdbcUrl("postgres", "postgres"), 4);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "PostgreSQL tests cannot run: the embedded PostgreSQL did not start ("
                            + e.getMessage() + "). Set " + ENV + " to a reachable server, e.g. "
                            + "postgres://postgres@127.0.0.1:5432/test",
                    e);
        }
    }
}
