package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void defaults_run_on_sqlite_on_port_8080_and_migrate() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());
        assertEquals("jdbc:sqlite:./data/buildfactory.db", config.database().url());
        assertEquals(8080, config.httpPort());
        assertTrue(config.migrateOnStart());
    }

    @Test
    void a_postgres_url_becomes_a_jdbc_url_with_decoded_credentials() {
        AppConfig config = AppConfig.fromEnvironment(
                Map.of("DATABASE_URL", "postgres://bf:p%40ss@db.local:6543/factory?sslmode=require"));
        assertEquals(
                "jdbc:postgresql://db.local:6543/factory?sslmode=require",
                config.database().url());
        assertEquals(Optional.of("bf"), config.database().user());
        assertEquals(Optional.of("p@ss"), config.database().password());
    }

    @Test
    void bad_values_name_the_variable_and_the_problem() {
        assertEquals(
                "BF_HTTP_PORT must be a whole number from 0 to 65535, got '70000'",
                assertThrows(
                                AppConfig.ConfigException.class,
                                () -> AppConfig.fromEnvironment(Map.of("BF_HTTP_PORT", "70000")))
                        .getMessage());
        assertTrue(assertThrows(
                        AppConfig.ConfigException.class,
                        () -> AppConfig.fromEnvironment(Map.of("DATABASE_URL", "mysql://x/y")))
                .getMessage()
                .startsWith("DATABASE_URL "));
        assertTrue(assertThrows(
                        AppConfig.ConfigException.class,
                        () -> AppConfig.fromEnvironment(Map.of("DATABASE_URL", "postgres://nohost")))
                .getMessage()
                .startsWith("DATABASE_URL "));
        assertTrue(assertThrows(
                        AppConfig.ConfigException.class,
                        () -> AppConfig.fromEnvironment(Map.of("BF_MIGRATE_ON_START", "maybe")))
                .getMessage()
                .startsWith("BF_MIGRATE_ON_START "));
        assertEquals(
                "BF_LOG_FORMAT must be text or json, got 'JSON'",
                assertThrows(
                                AppConfig.ConfigException.class,
                                () -> AppConfig.fromEnvironment(Map.of("BF_LOG_FORMAT", "JSON")))
                        .getMessage());
    }
}
