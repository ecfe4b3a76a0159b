package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a card. */
public record CardId(Ulid value) {

    public CardId {
        Objects.requireNonNull(value, "value");
    }

    public static CardId parse(String text) {
        return new CardId(Ulid.parse("cardId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
