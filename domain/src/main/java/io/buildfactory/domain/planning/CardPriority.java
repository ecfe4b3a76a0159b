package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** How urgent a card is. */
public enum CardPriority {
    LOW,
    MEDIUM,
    HIGH,
    URGENT;

    public String code() {
        return Codes.of(this);
    }

    public static CardPriority parse(String code) {
        return Codes.parse(CardPriority.class, "priority", code);
    }
}
