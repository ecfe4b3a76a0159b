package io.buildfactory.domain.telemetry;

import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The typed telemetry envelope (seed BF-237). The payload is a JSON object of at most 64 KiB. */
public record TelemetryEvent(
        TelemetryEventId id,
        EventType eventType,
        Optional<String> sessionId,
        Optional<UserId> userId,
        Optional<String> productId,
        String correlationId,
        Instant timestamp,
        int schemaVersion,
        String payloadJson) {

    public static final int PAYLOAD_MAX_BYTES = 64 * 1024;

    public TelemetryEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(eventType, "eventType");
        sessionId = Objects.requireNonNull(sessionId, "sessionId").map(s -> Text.required("sessionId", s, 100));
        Objects.requireNonNull(userId, "userId");
        productId = Objects.requireNonNull(productId, "productId").map(p -> Text.required("productId", p, 100));
        correlationId = Text.required("correlationId", correlationId, 100);
        timestamp = Timestamps.storable("timestamp", Objects.requireNonNull(timestamp, "timestamp"));
        if (schemaVersion < 1) {
            throw new InvalidInputException("schemaVersion", "must be 1 or more");
        }
        if (payloadJson == null || !payloadJson.strip().startsWith("{")) {
            throw new InvalidInputException("payload", "must be a JSON object");
        }
        if (payloadJson.getBytes(StandardCharsets.UTF_8).length > PAYLOAD_MAX_BYTES) {
            throw new InvalidInputException("payload", "must be at most 64 KiB");
        }
    }
}
