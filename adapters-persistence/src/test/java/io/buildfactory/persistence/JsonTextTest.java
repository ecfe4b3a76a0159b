package io.buildfactory.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.TreeMap;
import org.jooq.JSONB;
import org.junit.jupiter.api.Test;

/**
 * Stored maps of strings read by the streaming parser give what data binding gave, so every audit entry hashes
 * as it did when it was written.
 */
class JsonTextTest {

    @Test
    void a_map_of_strings_reads_as_data_binding_read_it() throws Exception {
        ObjectMapper binding = new ObjectMapper();
        for (String stored : List.of(
                "{}",
                "{\"b\":\"2\",\"a\":\"1\"}",
                "{ \"kind\" : \"human\", \"roles\": \"admin\" }",
                "{\"quote\":\"say \\\"hi\\\"\",\"tab\":\"a\\tb\",\"slash\":\"\\/\",\"u\":\"\\u00e9t\\u00e9 \\ud83d\\ude00\"}",
                "{\"n\":42,\"x\":-1.5e3,\"yes\":true,\"no\":false,\"nothing\":null}",
                "{\"ünï\":\"çødé\",\"\":\"empty key\"}")) {
            assertEquals(
                    binding.readValue(stored, new TypeReference<TreeMap<String, String>>() {}),
                    JsonText.stringMap(JSONB.valueOf(stored)),
                    stored);
        }
    }

    @Test
    void anything_but_a_flat_object_is_refused() {
        for (String stored : List.of("[]", "\"text\"", "{\"a\":{\"b\":\"c\"}}", "{\"a\":[1]}", "{\"a\":")) {
            assertThrows(IllegalStateException.class, () -> JsonText.stringMap(JSONB.valueOf(stored)), stored);
        }
    }
}
