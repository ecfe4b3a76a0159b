package io.buildfactory.application.telemetry.port.in;

import java.time.Duration;
import java.util.Map;

/**
 * The telemetry sink's counts since start: {@code emitted = written + dropped + rejected + queued + in flight}.
 * {@code refused} client events were answered 503 and never taken in, so they are not part of {@code emitted};
 * {@code oldestQueuedAge} is how long the oldest event not yet written has waited (a stalled writer shows here).
 */
public record TelemetryCounts(
        long emitted,
        long written,
        long dropped,
        long rejected,
        long refused,
        Map<String, Long> rejectedByReason,
        long queued,
        long writeFailures,
        int capacity,
        int clientCapacity,
        Duration oldestQueuedAge) {

    public TelemetryCounts {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }
}
