package io.buildfactory.http.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Checks real responses against docs/openapi.yaml: the operation and status are documented, the content type is
 * the documented one, and the body fits the schema (type, enum, required, properties, additionalProperties,
 * items, $ref: what our schemas use).
 */
public final class OpenApiContract {

    private final JsonNode document;

    public OpenApiContract(JsonNode document) {
        this.document = document;
    }

    /** Every documented operation as {@code "GET /path"}. */
    public TreeSet<String> operations() {
        TreeSet<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                operations.add(methods.next().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        return operations;
    }

    public void assertMatches(String method, String pathTemplate, HttpResult response) {
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase(Locale.ROOT));
        if (operation.isMissingNode()) {
            fail(method + " " + pathTemplate + " is not documented in openapi.yaml");
        }
        JsonNode responses = operation.path("responses");
        JsonNode documented = responses.has(Integer.toString(response.status()))
                ? responses.get(Integer.toString(response.status()))
                : responses.path("default");
        if (documented.isMissingNode()) {
            fail(method + " " + pathTemplate + " does not document status " + response.status());
        }
        documented = resolve(documented);
        String contentType = response.contentType().split(";")[0].strip();
        JsonNode media = documented.path("content").path(contentType);
        if (media.isMissingNode()) {
            fail(method + " " + pathTemplate + " " + response.status() + " does not document content type "
                    + contentType + "; documented: "
                    + documented.path("content").fieldNames().next());
        }
        List<String> violations = new ArrayList<>();
        validate(media.path("schema"), response.json(), "$", violations);
        assertEquals(
                List.of(),
                violations,
                method + " " + pathTemplate + " " + response.status() + " body: " + response.body());
    }

    private JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            node = document.at(ref.substring(1));
            if (node.isMissingNode()) {
                fail("unresolvable $ref " + ref);
            }
        }
        return node;
    }

    private void validate(JsonNode schema, JsonNode value, String at, List<String> violations) {
        schema = resolve(schema);
        if (schema.isMissingNode() || schema.isEmpty()) {
            return;
        }
        if (schema.has("oneOf")) {
            int matching = 0;
            for (JsonNode alternative : schema.get("oneOf")) {
                List<String> found = new ArrayList<>();
                validate(alternative, value, at, found);
                matching += found.isEmpty() ? 1 : 0;
            }
            if (matching != 1) {
                violations.add(at + " matches " + matching + " of the oneOf alternatives, not exactly one: " + value);
            }
            return;
        }
        JsonNode type = schema.path("type");
        if (!type.isMissingNode()) {
            List<String> allowed = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(t -> allowed.add(t.asText()));
            } else {
                allowed.add(type.asText());
            }
            if (allowed.stream().noneMatch(t -> isOfType(value, t))) {
                violations.add(at + " should be " + allowed + " but is " + value);
                return;
            }
        }
        if (schema.has("enum") && !value.isNull()) {
            boolean found = false;
            for (JsonNode option : schema.get("enum")) {
                found |= option.equals(value);
            }
            if (!found) {
                violations.add(at + " = " + value + " is not one of " + schema.get("enum"));
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    violations.add(at + "." + required.asText() + " is required");
                }
            }
            JsonNode properties = schema.path("properties");
            for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (properties.has(field.getKey())) {
                    validate(properties.get(field.getKey()), field.getValue(), at + "." + field.getKey(), violations);
                } else if (schema.path("additionalProperties").isBoolean()
                        && !schema.get("additionalProperties").asBoolean()) {
                    violations.add(at + "." + field.getKey() + " is not documented");
                }
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                validate(schema.get("items"), value.get(i), at + "[" + i + "]", violations);
            }
        }
    }

    private static boolean isOfType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> false;
        };
    }
}
