package io.buildfactory.http.shared;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Timestamps;
import java.io.IOException;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/** Reads request bodies: a JSON object or a 400 naming the field at fault, never a null for the handler. */
final class JsonBodies {

    /**
     * The API's JSON configuration, stricter in reading: duplicate keys are refused (which one wins is a guess),
     * and so is anything after the object.
     */
    private static final ObjectMapper JSON = Json.mapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .registerModule(
                    new SimpleModule("storable-instants").addDeserializer(Instant.class, new StorableInstant()));

    private JsonBodies() {}

    static <T> T read(byte[] body, Class<T> type) {
        if (isBlank(body)) {
            throw new InvalidInputException("body", "is required (a JSON object)");
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (IOException malformed) { // not JSON, or bytes in no encoding JSON allows (CharConversionException)
            throw new MalformedBodyException(malformed);
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

    /** An ISO-8601 instant in the range both databases store (years 1-9999); anything else names its field. */
    private static final class StorableInstant extends StdDeserializer<Instant> {

        StorableInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant instant = InstantDeserializer.INSTANT.deserialize(parser, context);
            if (instant != null && (instant.isBefore(Timestamps.EARLIEST) || instant.isAfter(Timestamps.LATEST))) {
                throw context.weirdStringException(
                        parser.getText(), Instant.class, "must lie between the years 1 and 9999");
            }
            return instant;
        }
    }

    /** A body Jackson could not read: not JSON, not in an encoding JSON allows, or not of the expected shape. */
    static final class MalformedBodyException extends RuntimeException {

        MalformedBodyException(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }

        /** Jackson's account of what it could not read, when it has one (with the path to the field). */
        Optional<JsonProcessingException> json() {
            return getCause() instanceof JsonProcessingException json ? Optional.of(json) : Optional.empty();
        }
    }

    private static void refuseNul(JsonNode node, String path) {
        if (node.isTextual() && node.textValue().indexOf('\u0000') >= 0) {
            throw new InvalidInputException(path, "must not contain the NUL character (\\u0000)");
        }
        if (node.isTextual() && hasLoneSurrogate(node.textValue())) {
            // no UTF-8 can hold it: the database drivers would store '?' instead, and the value read back would
            // differ from the one accepted
            throw new InvalidInputException(path, "must not contain an unpaired UTF-16 surrogate (like \\ud800)");
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().indexOf('\u0000') >= 0) {
                    throw new InvalidInputException(
                            path.isEmpty() ? "body" : path, "must not hold a key with the NUL character (\\u0000)");
                }
                refuseNul(field.getValue(), child);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseNul(node.get(i), path + "[" + i + "]");
            }
        }
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
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
