package io.buildfactory.application.conversations.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.conversations.ConversationId;
import io.buildfactory.domain.conversations.Exchange;
import io.buildfactory.domain.conversations.ExchangeId;
import io.buildfactory.domain.conversations.ExchangeState;
import io.buildfactory.domain.conversations.TokenUsage;
import java.util.Optional;

/**
 * The turns of a conversation. Content is scanned before it is stored: sensitive values are redacted or sealed by
 * policy, and the exchange keeps only what kinds were found, how often. Each state change is telemetry
 * ({@code exchange.*}) and a line of the conversation's history.
 */
public interface ExchangeUseCase {

    record NewExchange(String agentId, String request) {}

    /** Owner and editors append; the exchange starts pending. */
    Exchange append(Actor actor, ConversationId conversation, NewExchange exchange);

    /** The next state, with the response and token usage when it ends; {@code version} guards a stale read. */
    record Transition(
            ExchangeState state, Optional<String> response, Optional<TokenUsage> tokens, Optional<Long> version) {}

    Exchange transition(Actor actor, ConversationId conversation, ExchangeId exchange, Transition transition);

    /** Needs {@code factory.conversation.reveal} and read access: the exchange with sealed values opened, audited. */
    Exchange reveal(Actor actor, ConversationId conversation, ExchangeId exchange, Optional<String> reason);
}
