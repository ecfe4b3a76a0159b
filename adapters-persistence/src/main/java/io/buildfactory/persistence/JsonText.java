package io.buildfactory.persistence;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jooq.JSONB;

/** JSON columns: text on SQLite, jsonb on PostgreSQL, {@link JSONB} in Java on both. */
public final class JsonText {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonText() {}

    public static JSONB of(SortedMap<String, String> map) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(map));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    /**
     * A stored object of strings (audit details, say), read with the streaming parser: a verifier reads a million
     * of them, and data binding resolved the map's type afresh each time. Numbers and booleans are taken as their
     * text and null as null, as data binding took them; anything nested is refused.
     */
    public static SortedMap<String, String> stringMap(JSONB json) {
        try (JsonParser parser = MAPPER.getFactory().createParser(json.data())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("stored JSON is not an object");
            }
            TreeMap<String, String> map = new TreeMap<>();
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                    throw new IllegalStateException("stored JSON is not a map of strings: " + key + " is nested");
                }
                map.put(key, value == JsonToken.VALUE_NULL ? null : parser.getText());
            }
            return map;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored JSON is not a map of strings", e);
        }
    }

    /**
     * The stored JSON in compact form: PostgreSQL's jsonb re-spaces what it stores and SQLite keeps text as
     * written, so reading through here gives the same text on both.
     */
    public static String compact(JSONB json) {
        try {
            return MAPPER.writeValueAsString(MAPPER.readTree(json.data()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    /** Any value as JSON (records, lists, maps). */
    public static JSONB write(Object value) {
        try {
            return JSONB.valueOf(MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    public static <T> T read(JSONB json, TypeReference<T> type) {
        try {
            return MAPPER.readValue(json.data(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON does not have the expected shape", e);
        }
    }

    public static JSONB ofNullable(String json) {
        return json == null ? null : JSONB.valueOf(json);
    }
}
