package io.buildfactory.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetentionTest {

    static final Instant LAST = Instant.parse("2026-01-01T00:00:00Z");
    static final Optional<RetentionRule> DAYS_30 = Optional.of(RetentionRule.deleteAfterDays(30));
    static final Optional<RetentionRule> DAYS_90 = Optional.of(RetentionRule.deleteAfterDays(90));
    static final Optional<RetentionRule> FOREVER = Optional.of(RetentionRule.keepForever());
    static final Optional<RetentionRule> NONE = Optional.empty();

    @Test
    void a_conversation_is_due_exactly_at_its_boundary_and_not_a_second_before() {
        Instant due = LAST.plus(Duration.ofDays(30));
        assertFalse(Retention.isDue(DAYS_30, NONE, NONE, false, LAST, due.minusSeconds(1)));
        assertTrue(Retention.isDue(DAYS_30, NONE, NONE, false, LAST, due));
    }

    @Test
    void where_several_rules_apply_the_longest_retention_wins() {
        assertEquals(
                Optional.of(LAST.plus(Duration.ofDays(90))),
                Retention.deletableAt(DAYS_30, DAYS_90, NONE, false, LAST));
        assertEquals(
                Optional.of(LAST.plus(Duration.ofDays(90))),
                Retention.deletableAt(DAYS_90, NONE, DAYS_30, false, LAST),
                "a shorter conversation rule does not cut a longer global one");
        assertEquals(
                Optional.empty(),
                Retention.deletableAt(DAYS_30, DAYS_90, FOREVER, false, LAST),
                "keep forever beats every deletion");
    }

    @Test
    void a_level_without_a_rule_has_no_say_and_no_rule_at_all_keeps_the_conversation() {
        assertEquals(
                Optional.of(LAST.plus(Duration.ofDays(30))), Retention.deletableAt(NONE, DAYS_30, NONE, false, LAST));
        assertEquals(Optional.empty(), Retention.deletableAt(NONE, NONE, NONE, false, LAST));
    }

    @Test
    void a_legal_hold_beats_any_deletion() {
        assertFalse(Retention.isDue(DAYS_30, NONE, NONE, true, LAST, LAST.plus(Duration.ofDays(3650))));
        assertFalse(Retention.isDue(Optional.of(RetentionRule.deleteAfterDays(0)), NONE, NONE, true, LAST, LAST));
    }
}
