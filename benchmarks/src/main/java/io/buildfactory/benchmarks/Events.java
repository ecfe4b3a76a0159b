package io.buildfactory.benchmarks;

import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.telemetry.EventType;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import java.util.Optional;

/** Telemetry events with a payload of about 200 bytes, made ahead of time so making them is not measured. */
final class Events {

    private Events() {}

    static TelemetryEvent[] make(int count) {
        IdGenerator ids = Bench.ids(1);
        TelemetryEvent[] events = new TelemetryEvent[count];
        String filler = "x".repeat(120);
        for (int i = 0; i < count; i++) {
            String payload = "{\"sequence\":" + i + ",\"lane\":\"in-progress\",\"workItem\":\"wi-BF-213\","
                    + "\"note\":\"" + filler + "\"}";
            events[i] = new TelemetryEvent(
                    new TelemetryEventId(ids.next()),
                    new EventType("action.bench.tick"),
                    Optional.of("session-1"),
                    Optional.empty(),
                    Optional.empty(),
                    "bench",
                    Bench.CLOCK.instant(),
                    1,
                    payload);
        }
        return events;
    }

    static String percentiles(long[] nanos) {
        java.util.Arrays.sort(nanos);
        return String.format(
                "p50 %.2f µs, p99 %.2f µs, p99.9 %.2f µs, max %.1f µs",
                at(nanos, 0.50) / 1e3, at(nanos, 0.99) / 1e3, at(nanos, 0.999) / 1e3, nanos[nanos.length - 1] / 1e3);
    }

    private static double at(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    }
}
