package io.buildfactory.persistence.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TelemetryRepositoryContractTest extends OnBothEngines {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    JooqTelemetryRepository telemetry;

    @BeforeEach
    void repository() {
        telemetry = new JooqTelemetryRepository(
                db.database(),
                Clock.fixed(Fixtures.NOW, ZoneOffset.UTC),
                IdGenerator.secure(Clock.fixed(Fixtures.NOW, ZoneOffset.UTC)));
    }

    static TelemetryQuery byType(String prefix) {
        return new TelemetryQuery(
                Optional.of(prefix),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
    }

    static TelemetryQuery between(Instant from, Instant until) {
        return new TelemetryQuery(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(from),
                Optional.of(until));
    }

    @Test
    void a_batch_is_stored_and_duplicate_ids_are_stored_once() throws Exception {
        TelemetryEvent login = fixtures.telemetry("action.auth.login", T0, "c-1");
        TelemetryEvent job = fixtures.telemetry("job.succeeded", T0.plusSeconds(1), "c-2");
        assertEquals(2, telemetry.insertAll(List.of(login, job)));
        assertEquals(0, telemetry.insertAll(List.of(login)));

        TelemetryEvent stored = telemetry.findById(login.id()).orElseThrow();
        ObjectMapper json = new ObjectMapper();
        assertEquals(
                json.readTree(login.payloadJson()), json.readTree(stored.payloadJson()), "same JSON, any formatting");
        assertEquals(login.eventType(), stored.eventType());
        assertEquals(login.timestamp(), stored.timestamp());
        assertEquals(login.sessionId(), stored.sessionId());
    }

    @Test
    void batches_larger_than_one_statement_are_stored_whole() {
        List<TelemetryEvent> batch = new ArrayList<>();
        for (int i = 0; i < JooqTelemetryRepository.ROWS_PER_STATEMENT * 2 + 7; i++) {
            batch.add(fixtures.telemetry("exchange.completed", T0.plusMillis(i), "c"));
        }
        assertEquals(batch.size(), telemetry.insertAll(batch));
        assertEquals(
                batch.size(),
                telemetry
                                .find(TelemetryQuery.all(), PageRequest.first(500))
                                .items()
                                .size()
                        + telemetry
                                .find(
                                        TelemetryQuery.all(),
                                        PageRequest.first(500)
                                                .next(batch.get(499).id().toString()))
                                .items()
                                .size()
                        + telemetry
                                .find(
                                        TelemetryQuery.all(),
                                        PageRequest.first(500)
                                                .next(batch.get(999).id().toString()))
                                .items()
                                .size());
    }

    @Test
    void type_prefix_selects_a_namespace() {
        TelemetryEvent login = fixtures.telemetry("action.auth.login", T0, "c");
        TelemetryEvent logout = fixtures.telemetry("action.auth.logout", T0.plusSeconds(1), "c");
        TelemetryEvent job = fixtures.telemetry("job.failed", T0.plusSeconds(2), "c");
        telemetry.insertAll(List.of(login, logout, job));
        assertEquals(
                List.of(login.id(), logout.id()),
                telemetry.find(byType("action.auth."), PageRequest.first(10)).items().stream()
                        .map(TelemetryEvent::id)
                        .toList());
    }

    @Test
    void time_ranges_hold_at_every_sub_second_precision() {
        // Whole seconds, tenths and microseconds are stored with different text widths on SQLite.
        TelemetryEvent whole = fixtures.telemetry("action.a", T0, "c");
        TelemetryEvent tenth = fixtures.telemetry("action.b", T0.plusMillis(500), "c");
        TelemetryEvent micro = fixtures.telemetry("action.c", T0.plusNanos(123_456_000), "c");
        TelemetryEvent next = fixtures.telemetry("action.d", T0.plusSeconds(1), "c");
        telemetry.insertAll(List.of(whole, tenth, micro, next));

        assertEquals(
                List.of("action.a", "action.c"),
                types(telemetry
                        .find(between(T0, T0.plusMillis(200)), PageRequest.first(10))
                        .items()));
        assertEquals(
                List.of("action.b", "action.c"),
                types(telemetry
                        .find(between(T0.plusNanos(1000), T0.plusSeconds(1)), PageRequest.first(10))
                        .items()));
    }

    @Test
    void retention_deletes_only_older_events_in_bounded_batches() {
        TelemetryEvent old1 = fixtures.telemetry("action.old", T0.minusSeconds(100), "c");
        TelemetryEvent old2 = fixtures.telemetry("action.old", T0.minusSeconds(50), "c");
        TelemetryEvent fresh = fixtures.telemetry("action.new", T0, "c");
        telemetry.insertAll(List.of(old1, old2, fresh));

        assertEquals(1, telemetry.deleteOlderThan(T0, 1));
        assertTrue(telemetry.findById(old1.id()).isEmpty(), "the oldest goes first");
        assertEquals(1, telemetry.deleteOlderThan(T0, 10));
        assertEquals(0, telemetry.deleteOlderThan(T0, 10));
        assertTrue(telemetry.findById(fresh.id()).isPresent());
    }

    private static List<String> types(List<TelemetryEvent> events) {
        return events.stream().map(e -> e.eventType().value()).sorted().toList();
    }
}
