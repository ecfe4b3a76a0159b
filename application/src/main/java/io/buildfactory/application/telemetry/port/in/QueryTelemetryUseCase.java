package io.buildfactory.application.telemetry.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.IngestionWarning;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import java.util.List;

/** Stored telemetry, and how the sink is doing. */
public interface QueryTelemetryUseCase {

    Page<TelemetryEvent> find(Actor actor, TelemetryQuery query, PageRequest page);

    SinkReport stats(Actor actor);

    record SinkReport(TelemetryCounts counts, List<IngestionWarning> recentWarnings) {}
}
