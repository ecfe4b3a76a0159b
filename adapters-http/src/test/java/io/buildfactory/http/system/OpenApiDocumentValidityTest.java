package io.buildfactory.http.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml is valid OpenAPI 3.1 as a standard parser reads it, with servers and a tag on every operation. */
class OpenApiDocumentValidityTest {

    static String document() throws IOException {
        try (InputStream in =
                OpenApiDocumentValidityTest.class.getResourceAsStream("/io/buildfactory/http/openapi.yaml")) {
            assertNotNull(in, "openapi.yaml is on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static SwaggerParseResult parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(yaml, null, options);
    }

    @Test
    void the_document_is_valid_openapi_3_1_with_no_parser_messages() throws IOException {
        SwaggerParseResult result = parse(document());
        assertEquals(List.of(), result.getMessages());
        OpenAPI api = result.getOpenAPI();
        assertNotNull(api);
        assertEquals("3.1.0", api.getOpenapi());
        assertFalse(api.getServers() == null || api.getServers().isEmpty(), "servers are declared");
    }

    @Test
    void every_operation_has_a_declared_tag() throws IOException {
        OpenAPI api = parse(document()).getOpenAPI();
        Set<String> declared = api.getTags().stream().map(t -> t.getName()).collect(Collectors.toSet());
        List<String> untagged = new ArrayList<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
                    if (!hasDeclaredTag(operation, declared)) {
                        untagged.add(method + " " + path);
                    }
                }));
        assertEquals(List.of(), untagged, "operations without a declared tag");
    }

    @Test
    void a_description_that_yaml_reads_as_a_key_is_caught() throws IOException {
        String broken = document()
                .replace(
                        "description: \"Searches titles, ignoring case.\"",
                        "description: Searches titles, ignoring case: all of them.");
        assertFalse(parse(broken).getMessages().isEmpty(), "the parser reports the stray key");
    }

    private static boolean hasDeclaredTag(Operation operation, Set<String> declared) {
        return operation.getTags() != null
                && !operation.getTags().isEmpty()
                && declared.containsAll(operation.getTags());
    }
}
