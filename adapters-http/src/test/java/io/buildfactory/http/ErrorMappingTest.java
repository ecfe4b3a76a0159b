package io.buildfactory.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.NotFoundException;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.http.shared.Access;
import io.buildfactory.http.shared.ApiRoute;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.shared.Problem;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.http.testing.RunningApi;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every failure leaves as application/problem+json with a stable type, never as a stack trace. */
class ErrorMappingTest {

    record Greeting(String name, int times) {}

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());
    RunningApi api;

    @BeforeEach
    void start() {
        api = RunningApi.start(List.of(() -> List.of(
                ApiRoute.get("/fail/invalid", Access.open(), ctx -> {
                    throw new InvalidInputException("email", "must be an email address");
                }),
                ApiRoute.get("/fail/missing", Access.open(), ctx -> {
                    throw new NotFoundException("work item", "wi-BF-1");
                }),
                ApiRoute.get("/fail/stale", Access.open(), ctx -> {
                    throw ConflictException.staleVersion("user", "01JQ0000000000000000000001", 3);
                }),
                ApiRoute.get("/fail/duplicate", Access.open(), ctx -> {
                    throw ConflictException.duplicate("user", "email");
                }),
                ApiRoute.get("/fail/rule", Access.open(), ctx -> {
                    throw new RuleViolationException(
                            "exchange-transition", "an exchange cannot move from completed to pending");
                }),
                ApiRoute.get("/fail/bug", Access.open(), ctx -> {
                    throw new IllegalStateException("secret internal detail");
                }),
                ApiRoute.post("/greet", Access.open(), ctx -> ctx.json(ctx.bodyAsClass(Greeting.class))))));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    JsonNode problem(HttpResult response, int status, String type) {
        assertEquals(status, response.status(), response.body());
        assertEquals(Problem.CONTENT_TYPE, response.contentType().split(";")[0]);
        JsonNode body = response.json();
        assertEquals("/problems/" + type, body.get("type").asText());
        assertEquals(status, body.get("status").asInt());
        assertNotNull(body.get("title"));
        assertEquals(
                response.header("X-Correlation-Id"), body.get("correlationId").asText());
        contract.assertMatches(
                "GET",
                "/health",
                new HttpResult(
                        response.status(),
                        response.contentType(),
                        response.body(),
                        response.raw())); // the shared default problem response
        return body;
    }

    @Test
    void invalid_input_is_400_naming_the_field() {
        JsonNode body = problem(api.client().get("/fail/invalid"), 400, "invalid-input");
        assertEquals("email", body.get("field").asText());
        assertEquals("/fail/invalid", body.get("instance").asText());
    }

    @Test
    void missing_things_are_404() {
        problem(api.client().get("/fail/missing"), 404, "not-found");
    }

    @Test
    void conflicts_are_409_with_their_kind() {
        assertEquals(
                "version",
                problem(api.client().get("/fail/stale"), 409, "stale-version")
                        .get("field")
                        .asText());
        assertEquals(
                "email",
                problem(api.client().get("/fail/duplicate"), 409, "duplicate")
                        .get("field")
                        .asText());
        assertTrue(problem(api.client().get("/fail/rule"), 409, "rule-violation")
                .get("title")
                .asText()
                .contains("exchange-transition"));
    }

    @Test
    void unexpected_failures_are_500_without_internals() {
        HttpResult response = api.client().get("/fail/bug");
        problem(response, 500, "internal-error");
        assertFalse(response.body().contains("secret internal detail"));
        assertFalse(response.body().contains("IllegalStateException"));
    }

    @Test
    void unknown_routes_are_404_problems() {
        JsonNode body = problem(api.client().get("/no/such/route"), 404, "not-found");
        assertTrue(body.get("detail").asText().contains("/no/such/route"));
    }

    @Test
    void a_known_path_with_the_wrong_method_is_405() {
        problem(api.client().send("DELETE", "/greet"), 405, "method-not-allowed");
    }

    @Test
    void malformed_json_is_400_and_a_wrong_field_type_is_named() {
        problem(api.client().post("/greet", "{not json"), 400, "malformed-request");
        JsonNode body =
                problem(api.client().post("/greet", "{\"name\":\"x\",\"times\":\"many\"}"), 400, "malformed-request");
        assertEquals("times", body.get("field").asText());
        JsonNode unknown = problem(
                api.client().post("/greet", "{\"name\":\"x\",\"times\":1,\"extra\":true}"), 400, "malformed-request");
        assertEquals("extra", unknown.get("field").asText());
    }

    @Test
    void a_well_formed_body_still_works() {
        HttpResult response = api.client().post("/greet", "{\"name\":\"x\",\"times\":2}");
        assertEquals(200, response.status());
        assertEquals(2, response.json().get("times").asInt());
    }
}
