package io.buildfactory.domain.telemetry;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a telemetry event. */
public record TelemetryEventId(Ulid value) {

    public TelemetryEventId {
        Objects.requireNonNull(value, "value");
    }

    public static TelemetryEventId parse(String text) {
        return new TelemetryEventId(Ulid.parse("telemetryEventId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
