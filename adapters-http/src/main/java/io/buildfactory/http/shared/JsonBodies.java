package io.buildfactory.http.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.domain.shared.InvalidInputException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/** Reads request bodies: a JSON object or a 400 naming the field at fault, never a null for the handler. */
final class JsonBodies {

    /**
     * The API's JSON configuration, stricter in reading: duplicate keys are refused (which one wins is a guess),
     * and so is anything after the object.
     */
    private static final ObjectMapper JSON = Json.mapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonBodies() {
    }

    static <T> T read(byte[] body, Class<T> type) {
        if (isBlank(body)) {
            throw new InvalidInputException("body", "is required (a JSON object)");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw new MalformedBodyException(malformed);
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array cannot fail", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidInputException("body", "must be a JSON object, not " + kind(tree));
        }
        refuseNul(tree, "");
        if (type == JsonNode.class) {
            return type.cast(tree);
        }
        try {
            return JSON.treeToValue(tree, type);
        } catch (JsonProcessingException wrongShape) {
            throw new MalformedBodyException(wrongShape);
        }
    }

    /** A body Jackson could not read: not JSON, or not of the expected shape. */
    static final class MalformedBodyException extends RuntimeException {

        MalformedBodyException(JsonProcessingException cause) {
            super(cause.getOriginalMessage(), cause, false, false);
        }

        JsonProcessingException json() {
            return (JsonProcessingException) getCause();
        }
    }

    private static void refuseNul(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw new InvalidInputException(path, "must not contain the NUL character (\\u0000)");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().indexOf('\u0000') >= 0) {
                    throw new InvalidInputException(path.isEmpty() ? "body" : path,
                            "must not hold a key with the NUL character (\\u0000)");
                }
                refuseNul(field.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNul(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static String kind(JsonNode tree) {
        if (tree == null || tree.isNull()) {
            return "null";
        }
        return switch (tree.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> tree.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
