package io.buildfactory.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UlidTest {

    @Test
    void a_generated_ulid_is_26_crockford_characters_and_carries_its_time() {
        Instant at = Instant.parse("2026-11-22T10:15:30.123Z");
        Ulid ulid = Ulid.generate(at, new Random(1));
        assertEquals(26, ulid.value().length());
        assertTrue(Ulid.isValid(ulid.value()));
        assertEquals(at, ulid.timestamp());
    }

    @Test
    void text_order_is_time_order() {
        Random random = new Random(3);
        List<Ulid> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ulid.generate(Instant.ofEpochMilli(1_700_000_000_000L + i * 7L), random));
        }
        List<Ulid> sorted = new ArrayList<>(ids);
        sorted.sort(null);
        assertEquals(ids, sorted);
    }

    @Test
    void the_random_part_differs_within_one_millisecond() {
        Random random = new Random(5);
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        assertFalse(Ulid.generate(at, random).equals(Ulid.generate(at, random)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "01JQ000000000000000000000",
                "01jq0000000000000000000001",
                "01JQ000000000000000000000U",
                "01JQ000000000000000000000L",
                "81JQ0000000000000000000001",
                "01JQ 000000000000000000001"
            })
    void malformed_text_is_refused_naming_the_field(String text) {
        assertFalse(Ulid.isValid(text));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Ulid.parse("userId", text));
        assertEquals("userId", e.field());
    }

    @Test
    void the_largest_ulid_is_accepted() {
        assertTrue(Ulid.isValid("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
    }
}
