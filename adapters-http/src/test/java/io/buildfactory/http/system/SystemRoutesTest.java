package io.buildfactory.http.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.system.port.in.CheckReadinessUseCase;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.http.testing.RunningApi;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SystemRoutesTest {

    static final CheckReadinessUseCase.Readiness READY =
            new CheckReadinessUseCase.Readiness(true, "sqlite", "1", List.of(), null);

    final AtomicReference<CheckReadinessUseCase.Readiness> readiness = new AtomicReference<>(READY);
    final OpenApiDocument openApi = OpenApiDocument.load(Json.mapper());
    final OpenApiContract contract = new OpenApiContract(openApi.tree());
    RunningApi api;

    @BeforeEach
    void start() {
        api = RunningApi.start(List.of(new SystemRoutes(readiness::get, openApi)));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void health_answers_up() {
        HttpResult response = api.client().get("/health");
        assertEquals(200, response.status());
        assertEquals("up", response.json().get("status").asText());
        contract.assertMatches("GET", "/health", response);
    }

    @Test
    void ready_answers_200_with_the_schema_version_when_the_database_is_current() {
        HttpResult response = api.client().get("/ready");
        assertEquals(200, response.status());
        assertEquals("ready", response.json().get("status").asText());
        assertEquals("1", response.json().get("schemaVersion").asText());
        contract.assertMatches("GET", "/ready", response);
    }

    @Test
    void ready_answers_503_naming_the_pending_migrations() {
        readiness.set(new CheckReadinessUseCase.Readiness(
                false, "postgresql", "none", List.of("1"), "schema is not current: 1 migration(s) pending"));
        HttpResult response = api.client().get("/ready");
        assertEquals(503, response.status());
        assertEquals("not-ready", response.json().get("status").asText());
        assertEquals("1", response.json().get("pendingMigrations").get(0).asText());
        assertTrue(response.json().get("problem").asText().contains("pending"));
        contract.assertMatches("GET", "/ready", response);
    }

    @Test
    void the_contract_is_served_as_json() {
        HttpResult response = api.client().get("/openapi.json");
        assertEquals(200, response.status());
        assertEquals("3.1.0", response.json().get("openapi").asText());
        assertTrue(response.json().get("paths").has("/ready"));
        contract.assertMatches("GET", "/openapi.json", response);
    }
}
