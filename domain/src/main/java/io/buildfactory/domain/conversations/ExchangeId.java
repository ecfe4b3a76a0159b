package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies one exchange (turn) in a conversation. */
public record ExchangeId(Ulid value) {

    public ExchangeId {
        Objects.requireNonNull(value, "value");
    }

    public static ExchangeId parse(String text) {
        return new ExchangeId(Ulid.parse("exchangeId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
