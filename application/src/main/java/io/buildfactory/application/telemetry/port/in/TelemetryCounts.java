package io.buildfactory.application.telemetry.port.in;

import java.util.Map;

/** The telemetry sink's counts since start: {@code emitted = written + dropped + rejected + queued + in flight}. */
public record TelemetryCounts(long emitted, long written, long dropped, long rejected, Map<String, Long> rejectedByReason,
                              long queued, long writeFailures, int capacity) {

    public TelemetryCounts {
        rejectedByReason = Map.copyOf(rejectedByReason);
    }
}
