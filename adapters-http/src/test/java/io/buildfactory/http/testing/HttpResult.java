package io.buildfactory.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** A response as a client saw it over the wire. */
public record HttpResult(int status, String contentType, String body, HttpResponse<String> raw) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("response body is not JSON: " + body, e);
        }
    }

    public String header(String name) {
        return raw.headers().firstValue(name).orElse(null);
    }
}
