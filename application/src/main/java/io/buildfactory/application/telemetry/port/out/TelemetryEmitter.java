package io.buildfactory.application.telemetry.port.out;

import io.buildfactory.domain.telemetry.TelemetryEvent;

/** Sends a telemetry event on its way. Never throws to the caller: telemetry must not break the action it describes. */
public interface TelemetryEmitter {

    void emit(TelemetryEvent event);
}
