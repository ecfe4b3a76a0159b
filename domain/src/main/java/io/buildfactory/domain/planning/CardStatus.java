package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** Where a card is in its life: planned, ready to build, being built, in review, done. */
public enum CardStatus {
    BACKLOG,
    READY,
    IN_PROGRESS,
    REVIEW,
    DONE;

    public String code() {
        return Codes.of(this);
    }

    public static CardStatus parse(String code) {
        return Codes.parse(CardStatus.class, "status", code);
    }
}
