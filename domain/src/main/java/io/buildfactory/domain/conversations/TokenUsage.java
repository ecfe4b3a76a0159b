package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.InvalidInputException;

/** Tokens an agent read and wrote for one exchange. */
public record TokenUsage(long input, long output) {

    public static final TokenUsage NONE = new TokenUsage(0, 0);

    public TokenUsage {
        if (input < 0) {
            throw new InvalidInputException("inputTokens", "must not be negative");
        }
        if (output < 0) {
            throw new InvalidInputException("outputTokens", "must not be negative");
        }
    }
}
