package io.buildfactory.domain.conversations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExchangeTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");
    final Random random = new Random(9);

    Exchange pending() {
        return Exchange.open(
                new ExchangeId(Ulid.generate(T0, random)),
                new ConversationId(Ulid.generate(T0, random)),
                1,
                new UserId(Ulid.generate(T0, random)),
                "agent-1",
                "hello",
                java.util.Map.of(),
                T0);
    }

    @Test
    void an_exchange_runs_from_pending_through_in_progress_to_completed_with_its_response() {
        Exchange done = pending()
                .moveTo(ExchangeState.IN_PROGRESS, T0.plusSeconds(1))
                .complete("hi", new TokenUsage(10, 3), T0.plusSeconds(2));
        assertEquals(ExchangeState.COMPLETED, done.state());
        assertEquals(Optional.of("hi"), done.responseContent());
        assertEquals(new TokenUsage(10, 3), done.tokens());
        assertEquals(T0.plusSeconds(2), done.updatedAt());
    }

    @Test
    void a_pending_exchange_cannot_complete_without_running() {
        RuleViolationException refused =
                assertThrows(RuleViolationException.class, () -> pending().complete("hi", TokenUsage.NONE, T0));
        assertEquals("exchange-transition", refused.rule());
    }

    @ParameterizedTest
    @EnumSource(
            value = ExchangeState.class,
            names = {"COMPLETED", "FAILED", "CANCELLED"})
    void final_states_allow_no_further_move(ExchangeState last) {
        assertTrue(last.isFinal());
        Exchange running = pending().moveTo(ExchangeState.IN_PROGRESS, T0);
        Exchange ended = running.moveTo(last, T0);
        for (ExchangeState next : ExchangeState.values()) {
            assertThrows(RuleViolationException.class, () -> ended.moveTo(next, T0));
        }
    }

    @Test
    void states_read_back_from_their_codes() {
        for (ExchangeState state : ExchangeState.values()) {
            assertEquals(state, ExchangeState.fromCode(state.code()));
        }
        assertEquals("in-progress", ExchangeState.IN_PROGRESS.code());
    }
}
