package io.buildfactory.persistence.telemetry;

import static io.buildfactory.persistence.jooq.Tables.TELEMETRY_EVENTS;
import static io.buildfactory.persistence.jooq.Tables.TELEMETRY_INGESTION_WARNINGS;

import io.buildfactory.application.telemetry.port.out.TelemetryRepository;
import io.buildfactory.application.telemetry.port.out.TelemetryRepository.RefusedException;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.IdGenerator;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.domain.shared.Ulid;
import io.buildfactory.domain.telemetry.EventType;
import io.buildfactory.domain.telemetry.IngestionWarning;
import io.buildfactory.domain.telemetry.TelemetryEvent;
import io.buildfactory.domain.telemetry.TelemetryEventId;
import io.buildfactory.domain.telemetry.TelemetryQuery;
import io.buildfactory.persistence.Conditions;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.TelemetryEventsRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;

public final class JooqTelemetryRepository implements TelemetryRepository {

    private final Database db;
    private final Clock clock;
    private final IdGenerator ids;

    public JooqTelemetryRepository(Database db, Clock clock, IdGenerator ids) {
        this.db = db;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public int insertAll(List<TelemetryEvent> events) {
        if (events.isEmpty()) {
            return 0;
        }
        Instant received = Timestamps.stored(clock.instant());
        try {
            return insertInOneTransaction(events, received);
        } catch (DataAccessException failure) {
            if (Constraints.isRefusedData(failure)) {
                throw new RefusedException(refusal(failure), failure);
            }
            throw failure;
        }
    }

    /**
     * Streamed with {@code COPY} where the database has it (PostgreSQL, pgjdbc's {@code CopyManager}), the fastest
     * way in. Where it has not (SQLite), or when the database refuses the copy (an id already stored, a value a
     * check refuses: rolled back to its savepoint), one prepared {@code INSERT … ON CONFLICT DO NOTHING}, bound and
     * stepped per event as one JDBC batch, which skips what is already there and names a refusal. Nothing is
     * rendered per row: jOOQ rendering a 500-row {@code INSERT} was most of the cost.
     */
    private int insertInOneTransaction(List<TelemetryEvent> events, Instant received) {
        return db.transaction(() -> db.dsl().connectionResult(c -> {
            Optional<Long> copied = db.dialect().copyIn(c, COPY, () -> copyRows(events, received));
            return copied.isPresent() ? copied.get().intValue() : insertBatch(c, events, received);
        }));
    }

    private static final String COPY = "COPY telemetry_events (id, event_type, session_id, user_id, product_id,"
            + " correlation_id, occurred_at, schema_version, payload, created_at) FROM STDIN";

    /** The events in COPY's text format, a line each. */
    private static String copyRows(List<TelemetryEvent> events, Instant received) {
        StringBuilder rows = new StringBuilder(events.size() * 320);
        String at = received.toString();
        for (TelemetryEvent e : events) {
            copyField(rows, e.id().toString()).append('\t');
            copyField(rows, e.eventType().value()).append('\t');
            copyField(rows, e.sessionId().orElse(null)).append('\t');
            copyField(rows, e.userId().map(UserId::toString).orElse(null)).append('\t');
            copyField(rows, e.productId().orElse(null)).append('\t');
            copyField(rows, e.correlationId()).append('\t');
            rows.append(e.timestamp()).append('\t');
            rows.append(e.schemaVersion()).append('\t');
            copyField(rows, e.payloadJson()).append('\t');
            rows.append(at).append('\n');
        }
        return rows.toString();
    }

    /** A value in COPY's text format: backslash, tab and line breaks escaped, {@code \N} for null. */
    private static StringBuilder copyField(StringBuilder out, String value) {
        if (value == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return out;
    }

    /** Times and JSON are bound as jOOQ binds them (the contract test compares the two). */
    private int insertBatch(Connection c, List<TelemetryEvent> events, Instant received) throws SQLException {
        String insert = "INSERT INTO telemetry_events (id, event_type, session_id, user_id, product_id,"
                + " correlation_id, occurred_at, schema_version, payload, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + db.dialect().jsonParameter() + ", ?) ON CONFLICT DO NOTHING";
        try (PreparedStatement statement = c.prepareStatement(insert)) {
            for (TelemetryEvent e : events) {
                statement.setString(1, e.id().toString());
                statement.setString(2, e.eventType().value());
                statement.setString(3, e.sessionId().orElse(null));
                statement.setString(4, e.userId().map(UserId::toString).orElse(null));
                statement.setString(5, e.productId().orElse(null));
                statement.setString(6, e.correlationId());
                db.dialect().setTime(statement, 7, e.timestamp());
                statement.setInt(8, e.schemaVersion());
                statement.setString(9, e.payloadJson());
                db.dialect().setTime(statement, 10, received);
                statement.addBatch();
            }
            int inserted = 0;
            for (int count : statement.executeBatch()) {
                inserted += Math.max(0, count);
            }
            return inserted;
        }
    }

    /** The driver's own words for the refusal, first line only: they name the rule, never the rows' content. */
    private static String refusal(DataAccessException failure) {
        Throwable root = failure.getCause() == null ? failure : failure.getCause();
        String message = String.valueOf(root.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    @Override
    public Optional<TelemetryEvent> findById(TelemetryEventId id) {
        return db.dsl()
                .selectFrom(TELEMETRY_EVENTS)
                .where(TELEMETRY_EVENTS.ID.eq(id.toString()))
                .fetchOptional(JooqTelemetryRepository::toDomain);
    }

    @Override
    public Page<TelemetryEvent> find(TelemetryQuery q, PageRequest page) {
        List<Condition> where = new ArrayList<>();
        q.typePrefix().ifPresent(t -> where.add(Conditions.startsWith(TELEMETRY_EVENTS.EVENT_TYPE, t)));
        q.correlationId().ifPresent(c -> where.add(TELEMETRY_EVENTS.CORRELATION_ID.eq(c)));
        q.userId().ifPresent(u -> where.add(TELEMETRY_EVENTS.USER_ID.eq(u.toString())));
        q.sessionId().ifPresent(s -> where.add(TELEMETRY_EVENTS.SESSION_ID.eq(s)));
        q.from().ifPresent(f -> where.add(TELEMETRY_EVENTS.OCCURRED_AT.ge(Timestamps.stored(f))));
        q.until().ifPresent(u -> where.add(TELEMETRY_EVENTS.OCCURRED_AT.lt(Timestamps.stored(u))));
        page.after()
                .ifPresent(c ->
                        where.add(TELEMETRY_EVENTS.ID.gt(Ulid.parse("cursor", c).value())));
        var rows = db.dsl()
                .selectFrom(TELEMETRY_EVENTS)
                .where(where)
                .orderBy(TELEMETRY_EVENTS.ID)
                .limit(page.limit() + 1)
                .fetch(JooqTelemetryRepository::toDomain);
        return Page.of(rows, page.limit(), e -> e.id().toString());
    }

    @Override
    public int deleteOlderThan(Instant before, int limit) {
        return db.transaction(() -> db.dsl()
                .deleteFrom(TELEMETRY_EVENTS)
                .where(TELEMETRY_EVENTS.ID.in(db.dsl()
                        .select(TELEMETRY_EVENTS.ID)
                        .from(TELEMETRY_EVENTS)
                        .where(TELEMETRY_EVENTS.OCCURRED_AT.lt(Timestamps.stored(before)))
                        .orderBy(TELEMETRY_EVENTS.OCCURRED_AT)
                        .limit(limit)))
                .execute());
    }

    @Override
    public void recordWarnings(List<IngestionWarning> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        db.transaction(() -> {
            for (IngestionWarning w : warnings) {
                db.dsl()
                        .insertInto(TELEMETRY_INGESTION_WARNINGS)
                        .set(TELEMETRY_INGESTION_WARNINGS.ID, ids.next().value())
                        .set(TELEMETRY_INGESTION_WARNINGS.REASON, w.reason())
                        .set(TELEMETRY_INGESTION_WARNINGS.EVENT_COUNT, w.count())
                        .set(TELEMETRY_INGESTION_WARNINGS.EVENT_ID, w.eventId().orElse(null))
                        .set(
                                TELEMETRY_INGESTION_WARNINGS.EVENT_TYPE,
                                w.eventType().orElse(null))
                        .set(TELEMETRY_INGESTION_WARNINGS.DETAIL, w.detail().orElse(null))
                        .set(TELEMETRY_INGESTION_WARNINGS.CREATED_AT, w.at())
                        .execute();
            }
            return null;
        });
    }

    @Override
    public List<IngestionWarning> recentWarnings(int limit) {
        return db.dsl()
                .selectFrom(TELEMETRY_INGESTION_WARNINGS)
                .orderBy(TELEMETRY_INGESTION_WARNINGS.ID.desc())
                .limit(limit)
                .fetch(r -> new IngestionWarning(
                        r.getReason(),
                        r.getEventCount(),
                        Optional.ofNullable(r.getEventId()),
                        Optional.ofNullable(r.getEventType()),
                        Optional.ofNullable(r.getDetail()),
                        r.getCreatedAt()));
    }

    private static TelemetryEvent toDomain(TelemetryEventsRecord r) {
        return new TelemetryEvent(
                TelemetryEventId.parse(r.getId()),
                new EventType(r.getEventType()),
                Optional.ofNullable(r.getSessionId()),
                Optional.ofNullable(r.getUserId()).map(UserId::parse),
                Optional.ofNullable(r.getProductId()),
                r.getCorrelationId(),
                r.getOccurredAt(),
                r.getSchemaVersion(),
                JsonText.compact(r.getPayload()));
    }
}
