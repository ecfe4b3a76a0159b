package io.buildfactory.domain.telemetry;

import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Telemetry that was not stored, and why: an invalid or duplicate event (one warning each), or events dropped
 * because the sink's queue was full (one warning per burst, with the count).
 */
public record IngestionWarning(
        String reason,
        long count,
        Optional<String> eventId,
        Optional<String> eventType,
        Optional<String> detail,
        Instant at) {

    public IngestionWarning {
        reason = Text.required("reason", reason, 100);
        if (count < 1) {
            throw new IllegalArgumentException("a warning stands for at least one event");
        }
        Objects.requireNonNull(eventId, "eventId");
        eventType = eventType.map(t -> t.length() > 120 ? t.substring(0, 120) : t);
        detail = detail.map(d -> d.length() > 500 ? d.substring(0, 500) : d);
        at = Timestamps.stored(Objects.requireNonNull(at, "at"));
    }
}
