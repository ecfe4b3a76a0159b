package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.http.testing.OpenApiContract;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Conversations through the running server with sealing on (a real AES-GCM key): sharing, appending with secrets,
 * masked reads, an audited reveal, the exchange state machine, history, export, deletion and erasure, every
 * answer checked against the API contract; and no secret value in any log line.
 */
class ConversationsApiTest {

    final OpenApiContract contract =
            new OpenApiContract(OpenApiDocument.load(Json.mapper()).tree());

    static final String PASSWORD = "conversation-passphrase-1";
    static final List<String> SECRETS =
            List.of("AKIAIOSFODNN7EXAMPLE", "ada.lovelace@example.org", "4111 1111 1111 1111");

    @Test
    void a_conversation_lives_its_whole_life_through_the_api_without_leaking_a_secret() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.start();
        root.addAppender(captured);
        List<String> bodies = new ArrayList<>();
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE)) {
            Map<String, String> env = new HashMap<>(Api.withAdmin(db.databaseUrl()));
            env.put("BF_SENSITIVE_DATA", "encrypt");
            env.put("BF_CONTENT_KEY", Base64.getEncoder().encodeToString(new byte[32]));
            try (RunningApp app = RunningApp.start(env)) {
                Api api = new Api(app.port());
                String admin = api.admin();
                api.project(admin, "BF");
                String ownerId = api.createHuman(admin, "owner@example.com", PASSWORD, "contributor");
                String owner = api.logIn("owner@example.com", PASSWORD);
                String viewerId = api.createHuman(admin, "viewer@example.com", PASSWORD, "viewer");
                String viewer = api.logIn("viewer@example.com", PASSWORD);
                api.createHuman(admin, "stranger@example.com", PASSWORD, "contributor");
                String stranger = api.logIn("stranger@example.com", PASSWORD);

                HttpResult created =
                        api.post("/api/conversations", owner, Map.of("title", "Release BF-213", "projectKey", "BF"));
                assertEquals(201, created.status(), created.body());
                contract.assertMatches("POST", "/api/conversations", created);
                String id = created.json().get("id").asText();
                String base = "/api/conversations/" + id;

                HttpResult badShare =
                        api.call("PUT", base + "/participants/" + viewerId, owner, Map.of("role", "owner"));
                assertEquals(400, badShare.status());
                assertEquals("role", badShare.json().get("field").asText());
                HttpResult shared =
                        api.call("PUT", base + "/participants/" + viewerId, owner, Map.of("role", "viewer"));
                contract.assertMatches("PUT", "/api/conversations/{id}/participants/{userId}", shared);
                assertEquals(2, shared.json().get("participants").size());

                HttpResult missingAgent = api.post(base + "/exchanges", owner, Map.of("request", "hi"));
                assertEquals(400, missingAgent.status());
                assertEquals("application/problem+json", missingAgent.header("Content-Type"));
                assertEquals("agentId", missingAgent.json().get("field").asText());

                HttpResult appended = api.post(
                        base + "/exchanges",
                        owner,
                        Map.of(
                                "agentId",
                                "agent-1",
                                "request",
                                "deploy with AKIAIOSFODNN7EXAMPLE and tell ada.lovelace@example.org"));
                assertEquals(201, appended.status(), appended.body());
                contract.assertMatches("POST", "/api/conversations/{id}/exchanges", appended);
                bodies.add(appended.body());
                assertEquals(
                        "deploy with [ENCRYPTED:api-key] and tell [ENCRYPTED:email]",
                        appended.json().get("request").asText());
                assertEquals(1, appended.json().get("findings").get("email").asInt());
                String exchange = appended.json().get("id").asText();

                assertEquals(
                        403,
                        api.post(base + "/exchanges", viewer, Map.of("agentId", "a", "request", "x"))
                                .status(),
                        "viewers read, they do not append");
                assertEquals(404, api.get(base, stranger).status(), "strangers are told nothing");
                assertEquals(404, api.get(base + "/exchanges", stranger).status());

                HttpResult wrongMove = api.post(
                        base + "/exchanges/" + exchange + "/transitions",
                        owner,
                        Map.of("state", "completed", "response", "early"));
                assertEquals(409, wrongMove.status(), wrongMove.body());
                assertEquals(
                        400,
                        api.post(base + "/exchanges/" + exchange + "/transitions", owner, Map.of("state", "done"))
                                .json()
                                .get("status")
                                .asInt());
                api.post(base + "/exchanges/" + exchange + "/transitions", owner, Map.of("state", "in-progress"));
                HttpResult completed = api.post(
                        base + "/exchanges/" + exchange + "/transitions",
                        owner,
                        Map.of(
                                "state",
                                "completed",
                                "response",
                                "charged card 4111 1111 1111 1111",
                                "inputTokens",
                                12,
                                "outputTokens",
                                7));
                assertEquals(200, completed.status(), completed.body());
                contract.assertMatches("POST", "/api/conversations/{id}/exchanges/{exchangeId}/transitions", completed);
                bodies.add(completed.body());

                HttpResult page = api.get(base + "/exchanges", viewer);
                contract.assertMatches("GET", "/api/conversations/{id}/exchanges", page);
                bodies.add(page.body());
                assertEquals(
                        "charged card [ENCRYPTED:card-number]",
                        page.json().get("items").get(0).get("response").asText());

                assertEquals(
                        400,
                        api.get(base + "/exchanges/" + exchange + "/reveal", admin)
                                .status(),
                        "read-any needs a reason");
                HttpResult revealed = api.call(
                        "GET",
                        base + "/exchanges/" + exchange + "/reveal",
                        admin,
                        null,
                        "X-Access-Reason",
                        "legal request LR-12");
                assertEquals(200, revealed.status(), revealed.body());
                contract.assertMatches("GET", "/api/conversations/{id}/exchanges/{exchangeId}/reveal", revealed);
                assertEquals(
                        "charged card 4111 1111 1111 1111",
                        revealed.json().get("response").asText());
                assertEquals(
                        403,
                        api.get(base + "/exchanges/" + exchange + "/reveal", owner)
                                .status());

                HttpResult history = api.get(base + "/history", owner);
                contract.assertMatches("GET", "/api/conversations/{id}/history", history);
                List<String> events = new ArrayList<>();
                history.json()
                        .get("items")
                        .forEach(e -> events.add(e.get("event").asText()));
                assertEquals(
                        List.of(
                                "conversation.created",
                                "conversation.shared",
                                "exchange.created",
                                "exchange.in-progress",
                                "exchange.completed"),
                        events);

                HttpResult export = api.get(base + "/export", viewer);
                contract.assertMatches("GET", "/api/conversations/{id}/export", export);
                bodies.add(export.body());
                HttpResult mine = api.get("/api/users/" + ownerId + "/conversations/export", owner);
                contract.assertMatches("GET", "/api/users/{id}/conversations/export", mine);
                assertEquals(1, mine.json().get("conversations").size());
                HttpResult listed = api.get("/api/conversations", viewer);
                contract.assertMatches("GET", "/api/conversations", listed);
                assertEquals(
                        "viewer", listed.json().get("items").get(0).get("role").asText());

                HttpResult policy = api.call(
                        "PUT",
                        "/api/retention-policies",
                        admin,
                        Map.of("scope", "project", "target", "BF", "keepDays", 90));
                contract.assertMatches("PUT", "/api/retention-policies", policy);
                HttpResult badPolicy = api.call(
                        "PUT", "/api/retention-policies", admin, Map.of("scope", "project", "target", "not a key"));
                assertEquals("target", badPolicy.json().get("field").asText());
                JsonNode retention = api.get(base, owner).json().get("retention");
                assertEquals(90, retention.get("keepDays").asInt());
                contract.assertMatches("GET", "/api/retention-policies", api.get("/api/retention-policies", admin));

                assertEquals(204, api.call("DELETE", base, owner, null).status());
                assertEquals(404, api.get(base, owner).status(), "hidden at once");

                HttpResult erased = api.post("/api/users/" + viewerId + "/erasure", admin, null);
                contract.assertMatches("POST", "/api/users/{id}/erasure", erased);
                assertEquals(401, api.get("/api/conversations", viewer).status(), "an erased user's sessions are gone");
                assertFalse(db.everything().contains("viewer@example.com"));
            }
        } finally {
            root.detachAppender(captured);
        }
        List<String> lines = captured.list.stream()
                .map(e -> e.getFormattedMessage() + " " + e.getKeyValuePairs() + " " + e.getMDCPropertyMap()
                        + (e.getThrowableProxy() == null
                                ? ""
                                : " " + e.getThrowableProxy().getMessage()))
                .toList();
        assertFalse(lines.isEmpty(), "the flow was logged");
        for (String text : lines) {
            for (String secret : SECRETS) {
                assertFalse(text.contains(secret), "a secret value reached the log: " + text);
            }
        }
        for (String body : bodies) {
            for (String secret : SECRETS) {
                assertFalse(body.contains(secret), "a secret value reached a reader: " + body);
            }
        }
    }
}
