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
import io.buildfactory.persistence.Vendor;
import io.buildfactory.persistence.jooq.tables.records.TelemetryEventsRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.postgresql.PGConnection;

public final class JooqTelemetryRepository implements TelemetryRepository {

    /** Rows per INSERT statement: well under SQLite's bound-variable limit. */
    static final int ROWS_PER_STATEMENT = 500;

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
     * PostgreSQL: the batch is streamed with {@code COPY} (pgjdbc's {@code CopyManager}), the fastest way in; if
     * the database refuses it (an id already stored, a value a check refuses), the copy is rolled back to its
     * savepoint and the batch goes through {@code INSERT … ON CONFLICT DO NOTHING}, which skips what is already
     * there and names a refusal. SQLite: one prepared {@code INSERT}, bound and stepped once per event.
     */
    private int insertInOneTransaction(List<TelemetryEvent> events, Instant received) {
        return db.transaction(() -> {
            if (db.vendor() == Vendor.POSTGRESQL) {
                Optional<Integer> copied = db.dsl().connectionResult(c -> copy(c, events, received));
                if (copied.isPresent()) {
                    return copied.get();
                }
                return insertRows(events, received);
            }
            return db.dsl().connectionResult(c -> insertBatch(c, events, received));
        });
    }

    private static final String COPY = "COPY telemetry_events (id, event_type, session_id, user_id, product_id,"
            + " correlation_id, occurred_at, schema_version, payload, created_at) FROM STDIN";

    /** @return how many rows were copied, or empty when the database refused the copy (and nothing of it stays) */
    private static Optional<Integer> copy(Connection c, List<TelemetryEvent> events, Instant received)
            throws SQLException {
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
        Savepoint before = c.setSavepoint();
        try {
            long copied =
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new java.io.StringReader(rows.toString()));
            c.releaseSavepoint(before);
            return Optional.of((int) copied);
        } catch (SQLException | java.io.IOException refused) {
            c.rollback(before);
            return Optional.empty();
        }
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

    private static final String INSERT = "INSERT INTO telemetry_events (id, event_type, session_id, user_id,"
            + " product_id, correlation_id, occurred_at, schema_version, payload, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, json(?), ?) ON CONFLICT DO NOTHING"; // json(): as jOOQ binds JSONB

    /**
     * SQLite: one statement prepared once, bound and stepped per event as one JDBC batch, with nothing rendered
     * per row (jOOQ rendering a 500-row INSERT was most of the cost). Times are written as jOOQ writes them, which
     * the range queries rely on; the contract test compares the two.
     */
    private static int insertBatch(Connection c, List<TelemetryEvent> events, Instant received) throws SQLException {
        String at = sqliteTime(received);
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (TelemetryEvent e : events) {
                insert.setString(1, e.id().toString());
                insert.setString(2, e.eventType().value());
                insert.setString(3, e.sessionId().orElse(null));
                insert.setString(4, e.userId().map(UserId::toString).orElse(null));
                insert.setString(5, e.productId().orElse(null));
                insert.setString(6, e.correlationId());
                insert.setString(7, sqliteTime(e.timestamp()));
                insert.setInt(8, e.schemaVersion());
                insert.setString(9, e.payloadJson());
                insert.setString(10, at);
                insert.addBatch();
            }
            int inserted = 0;
            for (int count : insert.executeBatch()) {
                inserted += Math.max(0, count);
            }
            return inserted;
        }
    }

    private static final java.time.format.DateTimeFormatter SECONDS =
            java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

    /** An instant as jOOQ stores it on SQLite: {@code 2026-12-04 01:02:03.1234+00:00}, no trailing zeros. */
    static String sqliteTime(Instant at) {
        StringBuilder text = new StringBuilder(32).append(SECONDS.format(at));
        int nanos = at.getNano();
        if (nanos > 0) {
            String fraction = String.format(java.util.Locale.ROOT, "%09d", nanos);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append("+00:00").toString();
    }

    private int insertRows(List<TelemetryEvent> events, Instant received) {
        int inserted = 0;
        for (int from = 0; from < events.size(); from += ROWS_PER_STATEMENT) {
            var rows = events.subList(from, Math.min(events.size(), from + ROWS_PER_STATEMENT));
            var insert = db.dsl().insertInto(TELEMETRY_EVENTS).set(toRecord(rows.getFirst(), received));
            for (TelemetryEvent event : rows.subList(1, rows.size())) {
                insert = insert.newRecord().set(toRecord(event, received));
            }
            inserted += insert.onConflictDoNothing().execute();
        }
        return inserted;
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

    private static TelemetryEventsRecord toRecord(TelemetryEvent e, Instant received) {
        return new TelemetryEventsRecord(
                e.id().toString(),
                e.eventType().value(),
                e.sessionId().orElse(null),
                e.userId().map(UserId::toString).orElse(null),
                e.productId().orElse(null),
                e.correlationId(),
                e.timestamp(),
                e.schemaVersion(),
                JSONB.valueOf(e.payloadJson()),
                received);
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
