package io.buildfactory.domain.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RankTest {

    @Test
    void ten_thousand_random_inserts_and_moves_keep_every_rank_distinct_and_in_the_order_asked_for() {
        Random random = new Random(42);
        List<Rank> list = new ArrayList<>(List.of(Rank.first()));
        for (int i = 0; i < 10_000; i++) {
            int at = random.nextInt(list.size() + 1);
            Optional<Rank> lower = at == 0 ? Optional.empty() : Optional.of(list.get(at - 1));
            Optional<Rank> upper = at == list.size() ? Optional.empty() : Optional.of(list.get(at));
            Rank placed = Rank.between(lower, upper);
            lower.ifPresent(l -> assertTrue(l.compareTo(placed) < 0, l + " < " + placed));
            upper.ifPresent(u -> assertTrue(placed.compareTo(u) < 0, placed + " < " + u));
            list.add(at, placed);
        }
        for (int i = 1; i < list.size(); i++) {
            assertTrue(list.get(i - 1).compareTo(list.get(i)) < 0);
        }
        assertTrue(list.stream().mapToInt(r -> r.value().length()).max().orElseThrow() < 12, "ranks stay short");
    }

    @Test
    void inserting_again_and_again_at_the_same_place_grows_one_digit_at_a_time_and_never_collides() {
        Rank lower = Rank.first();
        Rank upper = Rank.after(lower);
        for (int i = 0; i < 150; i++) {
            Rank mid = Rank.between(Optional.of(lower), Optional.of(upper));
            assertTrue(lower.compareTo(mid) < 0 && mid.compareTo(upper) < 0);
            upper = mid;
        }
        assertTrue(upper.value().length() <= 150 / 5 + 2, "about log2(62) halvings per digit: " + upper);
    }

    @Test
    void appending_and_prepending_go_past_the_ends() {
        Rank a = Rank.first();
        assertTrue(Rank.after(a).compareTo(a) > 0);
        assertTrue(Rank.before(a).compareTo(a) < 0);
        assertEquals("V", a.value(), "the first rank sits in the middle, with room on both sides");
    }

    @Test
    void the_order_is_byte_order_so_both_databases_sort_ranks_alike() {
        assertTrue(new Rank("Z").compareTo(new Rank("a")) < 0, "upper case sorts before lower case, as in C collation");
        assertTrue(new Rank("9").compareTo(new Rank("A")) < 0);
        assertTrue(new Rank("V").compareTo(new Rank("V1")) < 0, "a prefix sorts first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "V0", "a-b", "ü", " V"})
    void a_rank_that_could_not_have_been_made_is_refused(String value) {
        assertEquals(
                "rank",
                assertThrows(InvalidInputException.class, () -> new Rank(value)).field());
    }

    @Test
    void bounds_in_the_wrong_order_are_a_programming_error() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Rank.between(Optional.of(new Rank("b")), Optional.of(new Rank("a"))));
    }
}
