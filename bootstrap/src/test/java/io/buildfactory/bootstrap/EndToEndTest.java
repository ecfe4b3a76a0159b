package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpClientForTests;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Starts the real application from its command line on an empty database of each kind. */
class EndToEndTest {

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    @ParameterizedTest
    @EnumSource(Engine.class)
    void the_server_migrates_an_empty_database_and_answers_ready(Engine engine) throws IOException {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Map.of("DATABASE_URL", db.databaseUrl()))) {
            HttpClientForTests client = new HttpClientForTests(app.port());

            HttpResult health = client.get("/health");
            assertEquals(200, health.status());
            contract.assertMatches("GET", "/health", health);

            HttpResult ready = client.get("/ready");
            assertEquals(200, ready.status(), ready.body());
            assertEquals(
                    engine == Engine.SQLITE ? "sqlite" : "postgresql",
                    ready.json().get("database").asText());
            assertTrue(ready.json().get("pendingMigrations").isEmpty());
            assertEquals(
                    latestMigration(engine),
                    ready.json().get("schemaVersion").asText(),
                    "the schema is at the newest migration file");
            contract.assertMatches("GET", "/ready", ready);

            HttpResult missing = client.get("/api/nothing-here", "X-Correlation-Id", "e2e-1");
            assertEquals(404, missing.status());
            assertEquals("e2e-1", missing.json().get("correlationId").asText());
            contract.assertMatches("GET", "/health", missing);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void with_migration_on_start_turned_off_an_empty_database_is_not_ready(Engine engine) {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app =
                        RunningApp.start(Map.of("DATABASE_URL", db.databaseUrl(), "BF_MIGRATE_ON_START", "false"))) {
            HttpResult ready = new HttpClientForTests(app.port()).get("/ready");
            assertEquals(503, ready.status());
            assertEquals("1", ready.json().get("pendingMigrations").get(0).asText());
            contract.assertMatches("GET", "/ready", ready);
        }
    }

    /** The highest version among the migration files themselves, read from the source tree. */
    static String latestMigration(Engine engine) throws IOException {
        Path folder = Path.of(
                "..",
                "adapters-persistence",
                "src",
                "main",
                "resources",
                "db",
                "migration",
                engine == Engine.SQLITE ? "sqlite" : "postgresql");
        try (var files = Files.list(folder)) {
            return Integer.toString(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__"))))
                    .max()
                    .orElseThrow());
        }
    }
}
