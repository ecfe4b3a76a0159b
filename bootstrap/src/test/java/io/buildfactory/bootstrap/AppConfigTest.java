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

    @Test
    void each_server_gets_a_name_of_its_own_and_connection_limits_by_default() {
        AppConfig one = AppConfig.fromEnvironment(Map.of("HOSTNAME", "bf-7d9f"));
        AppConfig two = AppConfig.fromEnvironment(Map.of("HOSTNAME", "bf-7d9f"));
        assertTrue(one.serving()
                .instance()
                .startsWith("bf-7d9f-" + ProcessHandle.current().pid() + "-"));
        assertTrue(
                !one.serving().instance().equals(two.serving().instance()),
                "two servers on one host name (every container is pid 1) are still told apart");
        assertTrue(AppConfig.fromEnvironment(Map.of("BF_INSTANCE_NAME", "eu-1", "HOSTNAME", "x"))
                .serving()
                .instance()
                .startsWith("eu-1-"));
        assertEquals(java.time.Duration.ofSeconds(30), one.serving().idleTimeout());
        assertEquals(512, one.serving().minRequestBytesPerSecond());
        assertEquals(java.time.Duration.ofSeconds(20), one.serving().shutdownGrace());
        assertTrue(one.serving().managementPort().isEmpty(), "no management port unless asked for");
        assertEquals(
                9090,
                AppConfig.fromEnvironment(Map.of("BF_MANAGEMENT_PORT", "9090"))
                        .serving()
                        .managementPort()
                        .getAsInt());
        assertTrue(assertThrows(
                        AppConfig.ConfigException.class,
                        () -> AppConfig.fromEnvironment(Map.of("BF_INSTANCE_NAME", "eu 1; rm")))
                .getMessage()
                .startsWith("BF_INSTANCE_NAME "));
        assertTrue(assertThrows(
                        AppConfig.ConfigException.class,
                        () -> AppConfig.fromEnvironment(Map.of("BF_HTTP_IDLE_TIMEOUT_SECONDS", "0")))
                .getMessage()
                .startsWith("BF_HTTP_IDLE_TIMEOUT_SECONDS "));
    }
}
