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
    void
            text_with_escapes_tabs_line_breaks_and_any_unicode_round_trips_exactly_and_a_batch_with_old_ids_stores_the_new()
                    throws Exception {
        TelemetryEvent known = fixtures.telemetry("exchange.completed", T0, "c-0");
        assertEquals(1, telemetry.insertAll(List.of(known)));
        String payload =
                "{\"note\":\"tab\\there, a back\\\\slash, a\\nline and \\\\N\",\"ü\":\"日本 😀\",\"q\":\"\\\"\"}";
        TelemetryEvent odd = new TelemetryEvent(
                new io.buildfactory.domain.telemetry.TelemetryEventId(
                        io.buildfactory.domain.shared.Ulid.generate(T0.plusMillis(1), new java.util.Random(3))),
                new io.buildfactory.domain.telemetry.EventType("action.page.viewed"),
                Optional.of("sess\\ion"),
                Optional.empty(),
                Optional.of("prod-é"),
                "corr\\N",
                T0.plusNanos(1_234_000),
                2,
                payload);
        TelemetryEvent fresh = fixtures.telemetry("exchange.completed", T0.plusMillis(2), "c-2");
        assertEquals(1, telemetry.insertAll(List.of(odd)), "a fresh batch: PostgreSQL copies it");
        assertEquals(1, telemetry.insertAll(List.of(known, fresh)), "the stored one is skipped, the rest kept");

        TelemetryEvent stored = telemetry.findById(odd.id()).orElseThrow();
        ObjectMapper json = new ObjectMapper();
        assertEquals(json.readTree(payload), json.readTree(stored.payloadJson()));
        assertEquals(
                "tab\there, a back\\slash, a\nline and \\N",
                json.readTree(stored.payloadJson()).path("note").asText());
        assertEquals(Optional.of("sess\\ion"), stored.sessionId());
        assertEquals(Optional.of("prod-é"), stored.productId());
        assertEquals("corr\\N", stored.correlationId(), "a backslash-N is text, not a null");
        assertEquals(odd.timestamp(), stored.timestamp(), "to the microsecond");
        assertEquals(2, stored.schemaVersion());
        assertTrue(telemetry.findById(fresh.id()).isPresent());
    }

    @Test
    void a_batch_of_a_thousand_and_more_is_stored_whole() {
        List<TelemetryEvent> batch = new ArrayList<>();
        for (int i = 0; i < 1_007; i++) {
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
    void the_bulk_path_stores_times_and_payloads_exactly_as_jooq_binds_them() throws Exception {
        List<Instant> times = List.of(
                T0,
                T0.plusMillis(100),
                T0.plusMillis(120),
                T0.plusNanos(123_456_000),
                T0.plusNanos(1_000),
                T0.plusNanos(100_000_000));
        List<TelemetryEvent> bulk = new ArrayList<>();
        List<TelemetryEvent> bound = new ArrayList<>();
        for (Instant at : times) {
            TelemetryEvent e = fixtures.telemetry("action.bulk", at, "c");
            TelemetryEvent spaced = new TelemetryEvent(
                    e.id(),
                    e.eventType(),
                    e.sessionId(),
                    e.userId(),
                    e.productId(),
                    e.correlationId(),
                    at,
                    1,
                    "{ \"n\" : 1,  \"text\": \"a  b\" }");
            bulk.add(spaced);
            bound.add(new TelemetryEvent(
                    fixtures.telemetry("action.bound", at, "c").id(),
                    e.eventType(),
                    e.sessionId(),
                    e.userId(),
                    e.productId(),
                    e.correlationId(),
                    at,
                    1,
                    spaced.payloadJson()));
        }
        telemetry.insertAll(bulk);
        for (TelemetryEvent e : bound) { // jOOQ's own binding, record by record
            db.database()
                    .dsl()
                    .insertInto(io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS)
                    .set(io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS.ID, e.id().toString())
                    .set(
                            io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS.EVENT_TYPE,
                            e.eventType().value())
                    .set(io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS.CORRELATION_ID, e.correlationId())
                    .set(io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS.OCCURRED_AT, e.timestamp())
                    .set(io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS.SCHEMA_VERSION, 1)
                    .set(
                            io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS.PAYLOAD,
                            org.jooq.JSONB.valueOf(e.payloadJson()))
                    .set(io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS.CREATED_AT, Fixtures.NOW)
                    .execute();
        }
        try (var c = db.rawConnection();
                var s = c.prepareStatement(
                        "SELECT CAST(occurred_at AS TEXT), CAST(payload AS TEXT) FROM telemetry_events WHERE id = ?")) {
            for (int i = 0; i < times.size(); i++) {
                assertEquals(raw(s, bound.get(i)), raw(s, bulk.get(i)), "stored alike: " + times.get(i));
            }
        }
    }

    private static List<String> raw(java.sql.PreparedStatement s, TelemetryEvent e) throws java.sql.SQLException {
        s.setString(1, e.id().toString());
        try (var r = s.executeQuery()) {
            r.next();
            return List.of(r.getString(1), r.getString(2));
        }
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
