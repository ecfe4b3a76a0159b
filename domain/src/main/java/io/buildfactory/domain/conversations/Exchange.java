package io.buildfactory.domain.conversations;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.RuleViolationException;
import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One turn in a conversation: a participant's request and an agent's response, with its own state machine. */
public record Exchange(
        ExchangeId id,
        ConversationId conversationId,
        long sequence,
        Optional<UserId> authorId,
        String agentId,
        String requestContent,
        Optional<String> responseContent,
        ExchangeState state,
        TokenUsage tokens,
        Map<SensitiveKind, Integer> findings,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static final int CONTENT_MAX = 1_000_000;

    public Exchange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1");
        }
        Objects.requireNonNull(authorId, "authorId");
        agentId = Text.required("agentId", agentId, 200);
        requestContent = Text.required("requestContent", requestContent, CONTENT_MAX);
        responseContent = responseContent.map(c -> Text.required("responseContent", c, CONTENT_MAX));
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(tokens, "tokens");
        findings = Collections.unmodifiableMap(
                findings.isEmpty() ? new EnumMap<>(SensitiveKind.class) : new EnumMap<>(findings));
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        updatedAt = Timestamps.stored(Objects.requireNonNull(updatedAt, "updatedAt"));
    }

    /** A new turn; its request content is already protected, {@code findings} says what the scan found. */
    public static Exchange open(
            ExchangeId id,
            ConversationId conversationId,
            long sequence,
            UserId author,
            String agentId,
            String requestContent,
            Map<SensitiveKind, Integer> findings,
            Instant now) {
        return new Exchange(
                id,
                conversationId,
                sequence,
                Optional.of(author),
                agentId,
                requestContent,
                Optional.empty(),
                ExchangeState.PENDING,
                TokenUsage.NONE,
                findings,
                now,
                now,
                1);
    }

    /** Moves to {@code target}, or refuses with the rule that forbids it. */
    public Exchange moveTo(ExchangeState target, Instant now) {
        if (!state.next().contains(target)) {
            throw new RuleViolationException(
                    "exchange-transition", "an exchange cannot move from " + state.code() + " to " + target.code());
        }
        return new Exchange(
                id,
                conversationId,
                sequence,
                authorId,
                agentId,
                requestContent,
                responseContent,
                target,
                tokens,
                findings,
                createdAt,
                now,
                version);
    }

    /**
     * Moves to {@code target}, recording the agent's (protected) response and token usage where given; a response
     * is only accepted by a move to a final state.
     */
    public Exchange moveTo(
            ExchangeState target,
            Optional<String> response,
            Map<SensitiveKind, Integer> responseFindings,
            Optional<TokenUsage> usage,
            Instant now) {
        Exchange moved = moveTo(target, now);
        if (response.isPresent() && !target.isFinal()) {
            throw new RuleViolationException(
                    "exchange-response", "a response comes with completed, failed or cancelled");
        }
        return new Exchange(
                id,
                conversationId,
                sequence,
                authorId,
                agentId,
                requestContent,
                response.isPresent() ? response : responseContent,
                moved.state(),
                usage.orElse(tokens),
                ContentProtection.merge(findings, responseFindings),
                createdAt,
                now,
                version);
    }

    /** The same exchange with its request and response passed through {@code view} (masked or revealed). */
    public Exchange withContent(java.util.function.UnaryOperator<String> view) {
        return new Exchange(
                id,
                conversationId,
                sequence,
                authorId,
                agentId,
                view.apply(requestContent),
                responseContent.map(view),
                state,
                tokens,
                findings,
                createdAt,
                updatedAt,
                version);
    }

    /** Completes the exchange with the agent's response. */
    public Exchange complete(String response, TokenUsage usage, Instant now) {
        return moveTo(ExchangeState.COMPLETED, Optional.of(response), Map.of(), Optional.of(usage), now);
    }
}
