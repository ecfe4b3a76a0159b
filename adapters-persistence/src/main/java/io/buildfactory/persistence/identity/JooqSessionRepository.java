package io.buildfactory.persistence.identity;

import static io.buildfactory.persistence.jooq.Tables.SESSIONS;

import io.buildfactory.application.identity.port.out.SessionRepository;
import io.buildfactory.domain.identity.Session;
import io.buildfactory.domain.identity.SessionEndReason;
import io.buildfactory.domain.identity.SessionId;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.persistence.ChangeFeed;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.SessionsRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.exception.DataAccessException;

public final class JooqSessionRepository implements SessionRepository {

    private final Database db;

    public JooqSessionRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Session session) {
        try {
            db.transaction(() -> db.dsl().executeInsert(toRecord(session)));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "token_hash")) {
                throw ConflictException.duplicate("session", "token");
            }
            throw e;
        }
    }

    @Override
    public Optional<Session> findById(SessionId id) {
        return db.dsl()
                .selectFrom(SESSIONS)
                .where(SESSIONS.ID.eq(id.toString()))
                .fetchOptional(JooqSessionRepository::toDomain);
    }

    @Override
    public Optional<Session> findByTokenHash(TokenHash hash) {
        return db.dsl()
                .selectFrom(SESSIONS)
                .where(SESSIONS.TOKEN_HASH.eq(hash.hex()))
                .fetchOptional(JooqSessionRepository::toDomain);
    }

    @Override
    public void touch(SessionId id, Instant seenAt, Instant idleExpiresAt) {
        Instant seen = Timestamps.stored(seenAt);
        Instant idle = Timestamps.stored(idleExpiresAt);
        db.transaction(() -> db.dsl()
                .update(SESSIONS)
                .set(SESSIONS.LAST_SEEN_AT, seen)
                .set(SESSIONS.UPDATED_AT, seen)
                .set(
                        SESSIONS.IDLE_EXPIRES_AT,
                        org.jooq.impl.DSL.least(
                                org.jooq.impl.DSL.val(idle, SESSIONS.IDLE_EXPIRES_AT), SESSIONS.ABSOLUTE_EXPIRES_AT))
                .where(SESSIONS.ID.eq(id.toString()))
                .and(SESSIONS.ENDED_AT.isNull())
                .execute());
    }

    @Override
    public boolean end(SessionId id, Instant at, SessionEndReason reason) {
        Instant ended = Timestamps.stored(at);
        return db.transaction(
                        ChangeFeed.Topic.PRINCIPALS,
                        () -> db.dsl()
                                .update(SESSIONS)
                                .set(SESSIONS.ENDED_AT, ended)
                                .set(SESSIONS.END_REASON, reason.code())
                                .set(SESSIONS.UPDATED_AT, ended)
                                .where(SESSIONS.ID.eq(id.toString()))
                                .and(SESSIONS.ENDED_AT.isNull())
                                .execute())
                > 0;
    }

    @Override
    public int endAllOf(UserId user, Optional<SessionId> keep, Instant at, SessionEndReason reason) {
        Instant ended = Timestamps.stored(at);
        return db.transaction(
                ChangeFeed.Topic.PRINCIPALS,
                () -> db.dsl()
                        .update(SESSIONS)
                        .set(SESSIONS.ENDED_AT, ended)
                        .set(SESSIONS.END_REASON, reason.code())
                        .set(SESSIONS.UPDATED_AT, ended)
                        .where(SESSIONS.USER_ID.eq(user.toString()))
                        .and(SESSIONS.ENDED_AT.isNull())
                        .and(keep.map(k -> SESSIONS.ID.ne(k.toString())).orElse(org.jooq.impl.DSL.noCondition()))
                        .execute());
    }

    @Override
    public List<Session> validSessionsOf(UserId user, Instant now) {
        Instant at = Timestamps.stored(now);
        return db.dsl()
                .selectFrom(SESSIONS)
                .where(SESSIONS.USER_ID.eq(user.toString()))
                .and(SESSIONS.ENDED_AT.isNull())
                .and(SESSIONS.IDLE_EXPIRES_AT.gt(at))
                .and(SESSIONS.ABSOLUTE_EXPIRES_AT.gt(at))
                .orderBy(SESSIONS.ID.desc())
                .fetch(JooqSessionRepository::toDomain);
    }

    @Override
    public List<Session> findExpired(Instant now, int limit) {
        return db.dsl()
                .selectFrom(SESSIONS)
                .where(SESSIONS.ENDED_AT.isNull())
                .and(SESSIONS.IDLE_EXPIRES_AT.le(Timestamps.stored(now)))
                .orderBy(SESSIONS.IDLE_EXPIRES_AT)
                .limit(limit)
                .fetch(JooqSessionRepository::toDomain);
    }

    @Override
    public int deleteEndedBefore(Instant before, int limit) {
        return db.transaction(
                ChangeFeed.Topic.PRINCIPALS,
                () -> db.dsl()
                        .deleteFrom(SESSIONS)
                        .where(SESSIONS.ID.in(db.dsl()
                                .select(SESSIONS.ID)
                                .from(SESSIONS)
                                .where(SESSIONS.ENDED_AT.isNotNull())
                                .and(SESSIONS.ENDED_AT.lt(Timestamps.stored(before)))
                                .orderBy(SESSIONS.ENDED_AT)
                                .limit(limit)))
                        .execute());
    }

    private static SessionsRecord toRecord(Session s) {
        return new SessionsRecord(
                s.id().toString(),
                s.userId().toString(),
                s.tokenHash().hex(),
                s.createdAt(),
                s.lastSeenAt(),
                s.lastSeenAt(),
                s.idleExpiresAt(),
                s.absoluteExpiresAt(),
                s.endedAt().orElse(null),
                s.endReason().map(SessionEndReason::code).orElse(null),
                s.clientAddress().orElse(null),
                s.userAgent().orElse(null));
    }

    static Session toDomain(SessionsRecord r) {
        return new Session(
                SessionId.parse(r.getId()),
                UserId.parse(r.getUserId()),
                new TokenHash(r.getTokenHash()),
                r.getCreatedAt(),
                r.getLastSeenAt(),
                r.getIdleExpiresAt(),
                r.getAbsoluteExpiresAt(),
                Optional.ofNullable(r.getEndedAt()),
                Optional.ofNullable(r.getEndReason()).map(SessionEndReason::fromCode),
                Optional.ofNullable(r.getClientAddress()),
                Optional.ofNullable(r.getUserAgent()));
    }
}
