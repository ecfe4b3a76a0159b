package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a conversation (a chat session). */
public record ConversationId(Ulid value) {

    public ConversationId {
        Objects.requireNonNull(value, "value");
    }

    public static ConversationId parse(String text) {
        return new ConversationId(Ulid.parse("conversationId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
