package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.InvalidInputException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** pending → in-progress → completed | failed | cancelled; a pending exchange may also be cancelled. */
public enum ExchangeState {
    PENDING,
    IN_PROGRESS,
    COMPLETED,
    FAILED,
    CANCELLED;

    public Set<ExchangeState> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(IN_PROGRESS, CANCELLED);
            case IN_PROGRESS -> EnumSet.of(COMPLETED, FAILED, CANCELLED);
            case COMPLETED, FAILED, CANCELLED -> EnumSet.noneOf(ExchangeState.class);
        };
    }

    public boolean isFinal() {
        return next().isEmpty();
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ExchangeState fromCode(String code) {
        return Arrays.stream(values())
                .filter(s -> s.code().equals(code))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "state", "must be one of pending, in-progress, completed, failed, cancelled"));
    }
}
