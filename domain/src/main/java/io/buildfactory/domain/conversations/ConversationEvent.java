package io.buildfactory.domain.conversations;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One line of a conversation's history: created, renamed, shared, an exchange opened or moved to a new state.
 * Details are ids, roles and states; never content.
 */
public record ConversationEvent(
        Ulid id,
        ConversationId conversationId,
        Optional<ExchangeId> exchangeId,
        String event,
        Optional<UserId> actorId,
        Map<String, String> details,
        Instant recordedAt) {

    public ConversationEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(exchangeId, "exchangeId");
        event = Text.required("event", event, 100);
        Objects.requireNonNull(actorId, "actorId");
        details = java.util.Collections.unmodifiableMap(new TreeMap<>(details));
        recordedAt = Timestamps.stored(Objects.requireNonNull(recordedAt, "recordedAt"));
    }
}
