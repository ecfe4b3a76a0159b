package io.buildfactory.domain.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void an_extra_fetched_row_means_there_is_a_next_page_after_the_last_item_shown() {
        Page<String> page = Page.of(List.of("a", "b", "c"), 2, s -> s);
        assertEquals(List.of("a", "b"), page.items());
        assertEquals(Optional.of("b"), page.nextCursor());
    }

    @Test
    void no_extra_row_means_the_last_page() {
        assertEquals(Optional.empty(), Page.of(List.of("a", "b"), 2, s -> s).nextCursor());
    }

    @Test
    void limits_outside_1_to_500_are_refused() {
        assertEquals(
                "limit",
                assertThrows(InvalidInputException.class, () -> PageRequest.first(0))
                        .field());
        assertThrows(InvalidInputException.class, () -> PageRequest.first(501));
    }
}
