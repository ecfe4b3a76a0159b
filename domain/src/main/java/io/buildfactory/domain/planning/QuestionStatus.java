package io.buildfactory.domain.planning;

import io.buildfactory.domain.shared.Codes;

/** Whether a card's question still waits for an answer. */
public enum QuestionStatus {
    OPEN,
    ANSWERED,
    DROPPED;

    public String code() {
        return Codes.of(this);
    }

    public static QuestionStatus parse(String code) {
        return Codes.parse(QuestionStatus.class, "status", code);
    }
}
