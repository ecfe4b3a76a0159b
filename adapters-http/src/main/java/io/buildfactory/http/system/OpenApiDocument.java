package io.buildfactory.http.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The API contract, docs/openapi.yaml, packaged with the server and served as JSON. */
public final class OpenApiDocument {

    static final String RESOURCE = "io/buildfactory/http/openapi.yaml";

    private final ObjectMapper jsonMapper;
    /** Parsed on first use: the YAML parser and the 100-odd kilobytes of contract cost start-up time otherwise. */
    private volatile Parsed parsed;

    private record Parsed(JsonNode document, byte[] json) {}

    private OpenApiDocument(ObjectMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    /** The packaged document; it is read and checked when first asked for. */
    public static OpenApiDocument load(ObjectMapper jsonMapper) {
        if (OpenApiDocument.class.getClassLoader().getResource(RESOURCE) == null) {
            throw new IllegalStateException("the OpenAPI document is missing from the classpath: " + RESOURCE);
        }
        return new OpenApiDocument(jsonMapper);
    }

    private Parsed parsed() {
        Parsed p = parsed;
        if (p == null) {
            synchronized (this) {
                if (parsed == null) {
                    parsed = parse();
                }
                p = parsed;
            }
        }
        return p;
    }

    private Parsed parse() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(in);
            return new Parsed(document, jsonMapper.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document does not parse", e);
        }
    }

    public JsonNode tree() {
        return parsed().document();
    }

    public byte[] json() {
        return parsed().json().clone();
    }
}
