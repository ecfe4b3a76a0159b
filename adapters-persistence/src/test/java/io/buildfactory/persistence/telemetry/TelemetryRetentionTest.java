package io.buildfactory.persistence.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.application.telemetry.BufferedTelemetrySink;
import io.buildfactory.application.telemetry.TelemetryService;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Telemetry past its retention age is deleted, in batches, and running it again deletes nothing more. */
class TelemetryRetentionTest extends OnBothEngines {

    static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @Test
    void events_older_than_the_retention_age_are_pruned_and_younger_ones_kept() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        JooqTelemetryRepository repository =
                new JooqTelemetryRepository(db.database(), clock, IdGenerator.secure(clock));
        List<TelemetryEvent> events = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            events.add(fixtures.telemetry(
                    "action.old", NOW.minus(Duration.ofDays(91)).plusSeconds(i), "c"));
        }
        TelemetryEvent boundary = fixtures.telemetry("action.kept", NOW.minus(Duration.ofDays(90)), "c");
        TelemetryEvent young = fixtures.telemetry("action.kept", NOW.minus(Duration.ofDays(1)), "c");
        events.add(boundary);
        events.add(young);
        repository.insertAll(events);

        try (BufferedTelemetrySink sink =
                new BufferedTelemetrySink(repository, clock, BufferedTelemetrySink.Settings.DEFAULT)) {
            TelemetryService service = new TelemetryService(
                    sink, repository, new IdGenerator(clock, new Random(1)), clock, Duration.ofDays(90));
            assertEquals(12_000, service.prune(), "several batches of 5,000");
            assertEquals(0, service.prune(), "a second run finds nothing");
        }
        assertTrue(repository.findById(boundary.id()).isPresent(), "exactly 90 days old is kept");
        assertTrue(repository.findById(young.id()).isPresent());
    }
}
