package io.buildfactory.domain.telemetry;

import io.buildfactory.domain.identity.UserId;
import java.time.Instant;
import java.util.Optional;

/** Filters over stored telemetry; every empty filter matches everything. */
public record TelemetryQuery(
        Optional<String> typePrefix,
        Optional<String> correlationId,
        Optional<UserId> userId,
        Optional<String> sessionId,
        Optional<Instant> from,
        Optional<Instant> until) {

    public static TelemetryQuery all() {
        return new TelemetryQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }
}
