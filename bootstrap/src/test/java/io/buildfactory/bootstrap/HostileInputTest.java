package io.buildfactory.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.buildfactory.http.shared.Json;
import io.buildfactory.http.system.OpenApiDocument;
import io.buildfactory.http.testing.HttpClientForTests;
import io.buildfactory.http.testing.HttpResult;
import io.buildfactory.persistence.testing.Engine;
import io.buildfactory.persistence.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hostile input against every documented operation that takes a request body, generated from docs/openapi.yaml
 * so that a new route is covered without anyone remembering it: bodies that are not objects, truncated, deeply
 * nested, huge, with unknown or duplicate fields, invalid UTF-8, the NUL character, a wrong type for each field;
 * and every other media type. Every answer is a 4xx problem naming the field at fault (never a 5xx), and the
 * server is healthy afterwards. On both databases, since each refuses different things.
 */
class HostileInputTest {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    static final String PASSWORD = "hostile-passphrase-1";

    final JsonNode document = OpenApiDocument.load(Json.mapper()).tree();

    /** One documented operation with a JSON request body. */
    record Operation(String method, String template, JsonNode schema) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /**
     * One hostile request: what is sent, and the field a 400 must name (null: any field, but one). A strict attack
     * must be refused at the door (400, or 413 past the size limit); a lenient one (a huge but maybe allowed value)
     * may also be accepted or refused by a rule further in, but never with a 5xx.
     */
    record Attack(String name, byte[] body, String expectedField, boolean strict) {
        static Attack text(String name, String body, String expectedField) {
            return new Attack(name, body.getBytes(StandardCharsets.UTF_8), expectedField, true);
        }

        static Attack lenient(String name, String body) {
            return new Attack(name, body.getBytes(StandardCharsets.UTF_8), null, false);
        }
    }

    List<Operation> operationsWithBodies() {
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode schema = op.getValue()
                        .path("requestBody")
                        .path("content")
                        .path("application/json")
                        .path("schema");
                if (!schema.isMissingNode()) {
                    operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), resolve(schema)));
                }
            }
        }
        assertTrue(operations.size() >= 20, "the document lists the body-taking operations: " + operations);
        return operations;
    }

    JsonNode resolve(JsonNode schema) {
        while (schema.has("$ref")) {
            schema = document.at(schema.get("$ref").asText().substring(1));
        }
        return schema;
    }

    /** A body of the documented shape, with plain values: the base that each attack bends in one place. */
    ObjectNode plausible(JsonNode schema) {
        ObjectNode body = NODES.objectNode();
        schema.path("properties")
                .fields()
                .forEachRemaining(p -> body.set(p.getKey(), plausibleValue(resolve(p.getValue()))));
        return body;
    }

    JsonNode plausibleValue(JsonNode schema) {
        if (schema.has("enum")) {
            return schema.get("enum").get(0);
        }
        if (schema.path("format").asText().equals("date-time")) {
            return NODES.textNode("2030-01-01T00:00:00Z");
        }
        return switch (type(schema)) {
            case "integer" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> NODES.arrayNode();
            case "object" -> schema.has("properties") ? plausible(schema) : NODES.objectNode();
            default -> NODES.textNode("hostile-" + Integer.toHexString(new Random().nextInt()));
        };
    }

    static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        return type.asText("string");
    }

    /** A value of a type the field does not take. */
    static JsonNode wrongType(String type) {
        return switch (type) {
            case "string" -> NODES.objectNode().put("not", "a string");
            case "integer" -> NODES.textNode("not a number");
            case "boolean" -> NODES.textNode("not a boolean");
            case "array" -> NODES.textNode("not an array");
            default -> NODES.arrayNode().add(1);
        };
    }

    List<Attack> attacks(Operation op) {
        ObjectNode base = plausible(op.schema());
        String valid = base.toString();
        List<Attack> attacks = new ArrayList<>(List.of(
                Attack.text("null", "null", "body"),
                Attack.text("array", "[]", "body"),
                Attack.text("array of the body", "[" + valid + "]", "body"),
                Attack.text("string", "\"text\"", "body"),
                Attack.text("number", "42", "body"),
                Attack.text("boolean", "true", "body"),
                Attack.text("blank", "   ", "body"),
                Attack.text("truncated", valid.substring(0, valid.length() / 2), "body"),
                Attack.text("not JSON", "{email: 'x'}", "body"),
                Attack.text("trailing garbage", valid + "}", null),
                Attack.text("deeply nested", "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", null),
                Attack.text(
                        "unknown field",
                        base.deepCopy().put("zzUnknownField", 1).toString(),
                        "zzUnknownField"),
                new Attack("invalid UTF-8", withInvalidUtf8(valid), null, true),
                new Attack("UCS-4 of unknown byte order", new byte[] {0, 0x7B, 0, 0, 0x7D, 0, 0, 0}, "body", true),
                Attack.text("over the size limit", "{\"x\":\"" + "a".repeat(1_100_000) + "\"}", "body")));
        Iterator<Map.Entry<String, JsonNode>> properties =
                op.schema().path("properties").fields();
        boolean first = true;
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            String type = type(resolve(property.getValue()));
            attacks.add(Attack.text(
                    "wrong type for " + name,
                    base.deepCopy().set(name, wrongType(type)).toString(),
                    name));
            if (type.equals("string")) {
                attacks.add(Attack.text(
                        "NUL in " + name, base.deepCopy().put(name, "a\u0000b").toString(), name));
                attacks.add(Attack.lenient(
                        "huge " + name,
                        base.deepCopy().put(name, "x".repeat(900_000)).toString()));
            }
            if (resolve(property.getValue()).path("format").asText().equals("date-time")) {
                attacks.add(Attack.text(
                        "year 300000 in " + name,
                        base.deepCopy().put(name, "+300000-01-01T00:00:00Z").toString(),
                        name));
            }
            if (type.equals("array")) {
                ArrayNode items = NODES.arrayNode().add(NODES.objectNode().put("nested", "\u0000"));
                attacks.add(Attack.text(
                        "NUL inside " + name, base.deepCopy().set(name, items).toString(), null));
            }
            if (first) {
                String duplicate = "{" + JSON.valueToTree(name) + ":" + base.get(name) + "," + valid.substring(1);
                attacks.add(Attack.text("duplicate key " + name, duplicate, name));
                first = false;
            }
        }
        return attacks;
    }

    /** The body with a key holding the byte 0xFF first: never valid in UTF-8, so nothing past it may be read. */
    static byte[] withInvalidUtf8(String valid) {
        return ("{\"x\u00ff\":1," + valid.substring(1)).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Real ids for the path's parameters, so each request reaches its handler; a random ULID where none is known. */
    static String path(String template, Map<String, String> known) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String key = template.substring(0, m.start()) + "{" + m.group(1) + "}";
            String value =
                    known.getOrDefault(key, known.getOrDefault("{" + m.group(1) + "}", "01KAAAAAAAAAAAAAAAAAAAAAAA"));
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    Map<String, String> world(Api api, String admin) {
        String person = api.createHuman(admin, "person@example.com", PASSWORD, "contributor");
        String role = api.post("/api/roles", admin, Map.of("name", "hostile-role"))
                .json()
                .get("id")
                .asText();
        api.project(admin, "HX");
        String item = api.post(
                        "/api/control-plane/items",
                        admin,
                        Map.of("projectKey", "HX", "title", "hostile", "workType", "chore"))
                .json()
                .get("key")
                .asText();
        String conversation = api.post("/api/conversations", admin, Map.of("title", "hostile"))
                .json()
                .get("id")
                .asText();
        String exchange = api.post(
                        "/api/conversations/" + conversation + "/exchanges",
                        admin,
                        Map.of("agentId", "agent-1", "request", "hello"))
                .json()
                .get("id")
                .asText();
        String workflow = made(api, admin, "/api/projects/HX/workflows", Map.of("name", "hostile"));
        String activity = made(api, admin, "/api/workflows/" + workflow + "/activities", Map.of("name", "hostile"));
        String card = made(api, admin, "/api/activities/" + activity + "/cards", Map.of("title", "hostile"));
        String knowledge =
                made(api, admin, "/api/cards/" + card + "/knowledge", Map.of("kind", "question", "text", "hostile?"));
        String file = made(
                api,
                admin,
                "/api/cards/" + card + "/planned-files",
                Map.of("logicalPath", "hostile.txt", "artifactKind", "doc", "action", "create", "intentSummary", "h"));
        String artifact =
                made(api, admin, "/api/projects/HX/artifacts", Map.of("type", "snippet", "title", "h", "content", "h"));
        String run = made(api, admin, "/api/projects/HX/runs", Map.of("scope", "card", "cardId", card));
        JsonNode claim =
                api.post("/api/projects/HX/assignments/claim", admin, null).json();
        String execution = claim.get("execution").get("id").asText();
        String assignment = claim.get("assignment").get("id").asText();
        String candidate = made(api, admin, "/api/assignments/" + assignment + "/candidate", Map.of("title", "h"));
        api.post("/api/candidates/" + candidate + "/transitions", admin, Map.of("state", "ready", "version", 1));
        String approval = made(api, admin, "/api/candidates/" + candidate + "/approvals", Map.of());
        Map<String, String> known = new LinkedHashMap<>();
        known.put("/api/runs/{id}", run);
        known.put("/api/executions/{id}", execution);
        known.put("/api/assignments/{id}", assignment);
        known.put("/api/candidates/{id}", candidate);
        known.put("/api/approvals/{id}", approval);
        known.put("/api/workflows/{id}", workflow);
        known.put("/api/activities/{id}", activity);
        known.put("/api/cards/{id}", card);
        known.put("/api/knowledge/{id}", knowledge);
        known.put("/api/planned-files/{id}", file);
        known.put("/api/artifacts/{id}", artifact);
        known.put("/api/users/{id}", person);
        known.put("/api/roles/{id}", role);
        known.put("/api/control-plane/items/{id}", item);
        known.put("/api/control-plane/projects/{key}", "HX");
        known.put("/api/projects/{key}", "HX");
        known.put("{roleId}", role);
        known.put("/api/conversations/{id}", conversation);
        known.put("{userId}", person);
        known.put("{exchangeId}", exchange);
        return known;
    }

    static String made(Api api, String admin, String path, Map<String, ?> body) {
        HttpResult r = api.post(path, admin, body);
        assertEquals(201, r.status(), path + ": " + r.body());
        // a run answers with its detail: the id is the run's
        return (r.json().has("id") ? r.json() : r.json().get("run")).get("id").asText();
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void every_hostile_body_on_every_route_is_a_4xx_problem_naming_the_field_and_the_server_stays_healthy(
            Engine engine) {
        try (TestDatabase db = TestDatabase.empty(engine);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            HttpClientForTests http = new HttpClientForTests(app.port());
            String admin = api.admin();
            Map<String, String> known = world(api, admin);
            List<String> failures = new ArrayList<>();
            int sent = 0;
            for (Operation op : operationsWithBodies()) {
                String path = path(op.template(), known);
                for (Attack attack : attacks(op)) {
                    HttpResult response = http.raw(
                            op.method(), path, attack.body(), "application/json", "Authorization", "Bearer " + admin);
                    sent++;
                    check(op + " with " + attack.name(), response, attack).ifPresent(failures::add);
                }
            }
            assertEquals(List.of(), failures, failures.size() + " of " + sent + " hostile requests answered wrongly");
            assertEquals(200, http.get("/health").status());
            assertEquals(200, http.get("/ready").status());
            assertEquals(200, api.get("/api/auth/session", admin).status(), "the server still serves its users");
        }
    }

    @Test // decided before any database work: one engine suffices
    void a_body_in_any_other_media_type_is_415_listing_json_on_every_route() {
        try (TestDatabase db = TestDatabase.empty(Engine.SQLITE);
                RunningApp app = RunningApp.start(Api.withAdmin(db.databaseUrl()))) {
            Api api = new Api(app.port());
            HttpClientForTests http = new HttpClientForTests(app.port());
            String admin = api.admin();
            Map<String, String> known = world(api, admin);
            List<String> failures = new ArrayList<>();
            for (Operation op : operationsWithBodies()) {
                byte[] body = plausible(op.schema()).toString().getBytes(StandardCharsets.UTF_8);
                for (String mediaType : new String[] {
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "application/xml",
                    "multipart/form-data; boundary=x",
                    "application/jsonx",
                    null
                }) {
                    HttpResult response = http.raw(
                            op.method(),
                            path(op.template(), known),
                            body,
                            mediaType,
                            "Authorization",
                            "Bearer " + admin);
                    String label = op + " as " + (mediaType == null ? "no Content-Type" : mediaType);
                    if (response.status() != 415 || !response.contentType().startsWith("application/problem+json")) {
                        failures.add(label + " -> " + response.status() + " " + response.body());
                    } else if (!response.json().path("accepted").toString().equals("[\"application/json\"]")
                            || !"application/json".equals(response.header("Accept"))
                            || !"Content-Type"
                                    .equals(response.json().path("field").asText())) {
                        failures.add(label + " -> 415 without the accepted type or the field: " + response.body());
                    }
                }
            }
            assertEquals(List.of(), failures);
        }
    }

    /** What is wrong with the answer to a hostile request, if anything. */
    static java.util.Optional<String> check(String label, HttpResult response, Attack attack) {
        int status = response.status();
        if (status >= 500) {
            return java.util.Optional.of(label + " -> " + status + " " + response.body());
        }
        if (status == 401 || status == 403) {
            return java.util.Optional.of(label + " -> " + status + ": the caller lost its session, nothing was tested");
        }
        if (attack.strict() && status != 400 && status != 413) {
            return java.util.Optional.of(label + " -> " + status + ", not refused at the door: " + response.body());
        }
        if (status < 400) {
            return java.util.Optional.empty(); // a huge value the route takes
        }
        if (!response.contentType().startsWith("application/problem+json")) {
            return java.util.Optional.of(label + " -> " + status + " not a problem: " + response.contentType());
        }
        JsonNode problem = response.json();
        if (problem.path("status").asInt() != status) {
            return java.util.Optional.of(label + " -> problem status differs: " + response.body());
        }
        if (status == 400 || status == 413) {
            String field = problem.path("field").asText("");
            String expectedField = attack.expectedField();
            if (field.isEmpty()) {
                return java.util.Optional.of(label + " -> " + status + " names no field: " + response.body());
            }
            if (expectedField != null
                    && !field.equals(expectedField)
                    && !field.startsWith(expectedField + ".")
                    && !field.startsWith(expectedField + "[")) {
                return java.util.Optional.of(
                        label + " -> names " + field + ", not " + expectedField + ": " + response.body());
            }
        }
        return java.util.Optional.empty();
    }
}
