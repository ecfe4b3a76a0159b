package io.buildfactory.domain.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.buildfactory.domain.shared.InvalidInputException;
import io.buildfactory.domain.shared.Ulid;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryEventTest {

    static final Instant T0 = Instant.parse("2026-11-22T08:00:00Z");

    @ParameterizedTest
    @ValueSource(
            strings = {"action.auth.login", "exchange.completed", "job.dead", "review.requested", "launch.started"})
    void the_five_namespaces_are_accepted(String type) {
        assertEquals(type.substring(0, type.indexOf('.')), new EventType(type).namespace());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "action", "metrics.cpu", "Action.auth", "action..login", "action.auth.", "action.Auth"})
    void other_types_are_refused(String type) {
        assertEquals(
                "eventType",
                assertThrows(InvalidInputException.class, () -> new EventType(type))
                        .field());
    }

    @Test
    void the_payload_must_be_a_json_object_of_at_most_64_kib() {
        assertEquals(
                "payload",
                assertThrows(InvalidInputException.class, () -> event("[1,2]")).field());
        String big = "{\"x\":\"" + "a".repeat(TelemetryEvent.PAYLOAD_MAX_BYTES) + "\"}";
        assertEquals(
                "payload",
                assertThrows(InvalidInputException.class, () -> event(big)).field());
        String justFits = "{\"x\":\"" + "a".repeat(TelemetryEvent.PAYLOAD_MAX_BYTES - 8) + "\"}";
        assertEquals(justFits, event(justFits).payloadJson());
    }

    private static TelemetryEvent event(String payload) {
        return new TelemetryEvent(
                new TelemetryEventId(Ulid.generate(T0, new Random(1))),
                new EventType("action.x"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                "c-1",
                T0,
                1,
                payload);
    }
}
