package io.buildfactory.persistence.audit;

import static io.buildfactory.persistence.jooq.Tables.AUDIT_EVENTS;

import io.buildfactory.application.audit.port.out.AuditRepository;
import io.buildfactory.domain.audit.AuditEvent;
import io.buildfactory.domain.audit.AuditEventId;
import io.buildfactory.domain.audit.AuditOutcome;
import io.buildfactory.domain.audit.AuditQuery;
import io.buildfactory.domain.audit.AuditRecord;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.persistence.Conditions;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Cursors;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.JsonText;
import io.buildfactory.persistence.jooq.tables.records.AuditEventsRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;

public final class JooqAuditRepository implements AuditRepository {

    private final Database db;
    private final Clock clock;

    public JooqAuditRepository(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** An arbitrary, fixed key naming the audit chain among PostgreSQL advisory locks. */
    static final long CHAIN_LOCK = 0x6266_6175_6469_74L;

    @Override
    public void lockChain() {
        db.dialect().lockUntilCommit(CHAIN_LOCK);
    }

    @Override
    public Optional<AuditEvent> head() {
        return db.dsl()
                .selectFrom(AUDIT_EVENTS)
                .orderBy(AUDIT_EVENTS.SEQUENCE.desc())
                .limit(1)
                .fetchOptional(JooqAuditRepository::toDomain);
    }

    @Override
    public void append(AuditEvent event) {
        AuditRecord r = event.record();
        try {
            db.transaction(() -> db.dsl()
                    .executeInsert(new AuditEventsRecord(
                            r.id().toString(),
                            event.sequence(),
                            r.occurredAt(),
                            r.actor(),
                            r.action(),
                            r.targetType().orElse(null),
                            r.targetId().orElse(null),
                            r.outcome().code(),
                            r.correlationId().orElse(null),
                            r.clientAddress().orElse(null),
                            r.userAgent().orElse(null),
                            JsonText.of(r.details()),
                            event.prevHash(),
                            event.hash(),
                            Timestamps.stored(clock.instant()))));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "sequence")) {
                throw ConflictException.duplicate("audit event", "sequence");
            }
            throw e;
        }
    }

    @Override
    public Page<AuditEvent> find(AuditQuery q, PageRequest page) {
        List<Condition> where = new ArrayList<>();
        q.actor().ifPresent(a -> where.add(AUDIT_EVENTS.ACTOR.eq(a)));
        q.actionPrefix().ifPresent(a -> where.add(Conditions.startsWith(AUDIT_EVENTS.ACTION, a)));
        q.targetType().ifPresent(t -> where.add(AUDIT_EVENTS.TARGET_TYPE.eq(t)));
        q.targetId().ifPresent(t -> where.add(AUDIT_EVENTS.TARGET_ID.eq(t)));
        q.outcome().ifPresent(o -> where.add(AUDIT_EVENTS.OUTCOME.eq(o.code())));
        q.from().ifPresent(f -> where.add(AUDIT_EVENTS.OCCURRED_AT.ge(Timestamps.stored(f))));
        q.until().ifPresent(u -> where.add(AUDIT_EVENTS.OCCURRED_AT.lt(Timestamps.stored(u))));
        q.correlationId().ifPresent(c -> where.add(AUDIT_EVENTS.CORRELATION_ID.eq(c)));
        page.after().ifPresent(c -> where.add(AUDIT_EVENTS.SEQUENCE.gt(Cursors.sequence(c))));
        var rows = db.dsl()
                .selectFrom(AUDIT_EVENTS)
                .where(where)
                .orderBy(AUDIT_EVENTS.SEQUENCE)
                .limit(page.limit() + 1)
                .fetch(JooqAuditRepository::toDomain);
        return Page.of(rows, page.limit(), e -> Long.toString(e.sequence()));
    }

    @Override
    public List<AuditEvent> readFrom(long afterSequence, int limit) {
        return db.dsl()
                .selectFrom(AUDIT_EVENTS)
                .where(AUDIT_EVENTS.SEQUENCE.gt(afterSequence))
                .orderBy(AUDIT_EVENTS.SEQUENCE)
                .limit(limit)
                .fetch(JooqAuditRepository::toDomain);
    }

    @Override
    public List<AuditEvent> readBetween(long afterSequence, long upTo) {
        return db.dsl()
                .selectFrom(AUDIT_EVENTS)
                .where(AUDIT_EVENTS.SEQUENCE.gt(afterSequence))
                .and(AUDIT_EVENTS.SEQUENCE.le(upTo))
                .orderBy(AUDIT_EVENTS.SEQUENCE)
                .fetch(JooqAuditRepository::toDomain);
    }

    private static AuditEvent toDomain(AuditEventsRecord r) {
        AuditRecord record = new AuditRecord(
                AuditEventId.parse(r.getId()),
                r.getOccurredAt(),
                r.getActor(),
                r.getAction(),
                Optional.ofNullable(r.getTargetType()),
                Optional.ofNullable(r.getTargetId()),
                AuditOutcome.fromCode(r.getOutcome()),
                Optional.ofNullable(r.getCorrelationId()),
                Optional.ofNullable(r.getClientAddress()),
                Optional.ofNullable(r.getUserAgent()),
                JsonText.stringMap(r.getDetails()));
        return new AuditEvent(record, r.getSequence(), r.getPrevHash(), r.getHash());
    }
}
