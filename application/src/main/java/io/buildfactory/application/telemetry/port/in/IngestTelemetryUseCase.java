package io.buildfactory.application.telemetry.port.in;

import io.buildfactory.application.shared.port.in.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Accepts a batch of events from a client: each is validated; the valid ones go to the sink. */
public interface IngestTelemetryUseCase {

    int MAX_BATCH = 1_000;

    Result ingest(Actor actor, List<ClientEvent> events);

    /** An event as a client sends it; absent fields take defaults (a new id, now, the request's correlation id). */
    record ClientEvent(
            Optional<String> id,
            String eventType,
            Optional<String> sessionId,
            Optional<String> userId,
            Optional<String> productId,
            Optional<String> correlationId,
            Optional<Instant> timestamp,
            Optional<Integer> schemaVersion,
            String payloadJson) {}

    record Rejection(int index, String field, String reason) {}

    record Result(int accepted, int rejected, List<Rejection> rejections) {}
}
