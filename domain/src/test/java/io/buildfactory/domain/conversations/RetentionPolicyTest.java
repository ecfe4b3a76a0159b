package io.buildfactory.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

    static final Instant LAST = Instant.parse("2026-01-01T00:00:00Z");
    static final RetentionRule DAYS_30 = RetentionRule.deleteAfterDays(30);
    static final RetentionRule DAYS_90 = RetentionRule.deleteAfterDays(90);

    @Test
    void a_conversation_is_due_exactly_at_its_boundary_and_not_a_second_before() {
        Instant due = LAST.plus(Duration.ofDays(30));
        assertFalse(RetentionPolicy.isDue(DAYS_30, Optional.empty(), Optional.empty(), false, LAST, due.minusSeconds(1)));
        assertTrue(RetentionPolicy.isDue(DAYS_30, Optional.empty(), Optional.empty(), false, LAST, due));
    }

    @Test
    void where_several_rules_apply_the_longest_retention_wins() {
        assertEquals(Optional.of(LAST.plus(Duration.ofDays(90))),
                RetentionPolicy.deletableAt(DAYS_30, Optional.of(DAYS_90), Optional.empty(), false, LAST));
        assertEquals(Optional.of(LAST.plus(Duration.ofDays(90))),
                RetentionPolicy.deletableAt(DAYS_90, Optional.empty(), Optional.of(DAYS_30), false, LAST),
                "a shorter conversation rule does not cut a longer global one");
        assertEquals(Optional.empty(), RetentionPolicy.deletableAt(DAYS_30, Optional.of(DAYS_90),
                Optional.of(RetentionRule.keepForever()), false, LAST), "keep forever beats every deletion");
    }

    @Test
    void a_legal_hold_beats_any_deletion() {
        assertFalse(RetentionPolicy.isDue(DAYS_30, Optional.empty(), Optional.empty(), true, LAST,
                LAST.plus(Duration.ofDays(3650))));
    }
}
