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

    private final JsonNode document;
    private final byte[] json;

    private OpenApiDocument(JsonNode document, byte[] json) {
        this.document = document;
        this.json = json;
    }

    public static OpenApiDocument load(ObjectMapper jsonMapper) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document is missing from the classpath: " + RESOURCE);
            }
            JsonNode document = new ObjectMapper(new YAMLFactory()).readTree(in);
            return new OpenApiDocument(document, jsonMapper.writeValueAsBytes(document));
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI document does not parse", e);
        }
    }

    public JsonNode tree() {
        return document;
    }

    public byte[] json() {
        return json.clone();
    }
}
