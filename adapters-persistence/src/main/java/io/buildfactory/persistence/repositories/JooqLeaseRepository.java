package io.buildfactory.persistence.repositories;

import static io.buildfactory.persistence.jooq.Tables.REPOSITORY_LEASES;

import io.buildfactory.application.repositories.port.out.LeaseRepository;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Lease;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.RepositoryLeasesRecord;
import java.time.Instant;
import java.util.Optional;
import org.jooq.Condition;

/**
 * Leases in {@code repository_leases}, one row per repository for life. A grant is one conditional
 * {@code UPDATE} that only a free lease passes and that counts the fencing token up: on PostgreSQL concurrent
 * grants queue on the row lock and each re-checks the condition against the row the winner wrote; on SQLite the
 * write lock serialises them. Either way one wins, and every other sees the lease held.
 */
public final class JooqLeaseRepository implements LeaseRepository {

    private final Database db;

    public JooqLeaseRepository(Database db) {
        this.db = db;
    }

    /** Free at {@code now}: never granted, released, or past its expiry. */
    private static Condition freeAt(Instant now) {
        return REPOSITORY_LEASES
                .HOLDER_ID
                .isNull()
                .or(REPOSITORY_LEASES.RELEASED_AT.isNotNull())
                .or(REPOSITORY_LEASES.EXPIRES_AT.le(now));
    }

    private static Condition heldAt(Instant now) {
        return REPOSITORY_LEASES
                .HOLDER_ID
                .isNotNull()
                .and(REPOSITORY_LEASES.RELEASED_AT.isNull())
                .and(REPOSITORY_LEASES.EXPIRES_AT.gt(now));
    }

    @Override
    public Optional<Lease> acquire(RepositoryId repository, UserId holder, Instant now) {
        int granted = db.dsl()
                .update(REPOSITORY_LEASES)
                .set(REPOSITORY_LEASES.FENCING_TOKEN, REPOSITORY_LEASES.FENCING_TOKEN.plus(1))
                .set(REPOSITORY_LEASES.HOLDER_ID, holder.toString())
                .set(REPOSITORY_LEASES.ACQUIRED_AT, now)
                .set(REPOSITORY_LEASES.EXPIRES_AT, now.plus(Lease.TERM))
                .setNull(REPOSITORY_LEASES.RELEASED_AT)
                .setNull(REPOSITORY_LEASES.EXPIRY_RECORDED_AT)
                .where(REPOSITORY_LEASES.REPOSITORY_ID.eq(repository.toString()))
                .and(freeAt(now))
                .execute();
        if (granted == 0) {
            return Optional.empty();
        }
        // the row is ours until the transaction ends (the update locked it), so this reads our grant
        return db.dsl()
                .selectFrom(REPOSITORY_LEASES)
                .where(REPOSITORY_LEASES.REPOSITORY_ID.eq(repository.toString()))
                .fetchOptional(JooqLeaseRepository::toDomain);
    }

    @Override
    public Optional<Lease> current(RepositoryId repository, Instant now) {
        return db.dsl()
                .selectFrom(REPOSITORY_LEASES)
                .where(REPOSITORY_LEASES.REPOSITORY_ID.eq(repository.toString()))
                .and(heldAt(now))
                .fetchOptional(JooqLeaseRepository::toDomain);
    }

    @Override
    public Optional<Lease> lockCurrent(RepositoryId repository, Instant now) {
        return db.dialect()
                .lockingRows(db.dsl()
                        .selectFrom(REPOSITORY_LEASES)
                        .where(REPOSITORY_LEASES.REPOSITORY_ID.eq(repository.toString())))
                .fetchOptional()
                .filter(r -> held(r, now))
                .map(JooqLeaseRepository::toDomain);
    }

    @Override
    public boolean release(RepositoryId repository, UserId holder, FencingToken token, Instant now) {
        return db.dsl()
                        .update(REPOSITORY_LEASES)
                        .set(REPOSITORY_LEASES.RELEASED_AT, now)
                        .where(REPOSITORY_LEASES.REPOSITORY_ID.eq(repository.toString()))
                        .and(REPOSITORY_LEASES.HOLDER_ID.eq(holder.toString()))
                        .and(REPOSITORY_LEASES.FENCING_TOKEN.eq(token.value()))
                        .and(heldAt(now))
                        .execute()
                == 1;
    }

    /** Ran out unreleased at {@code now}, its expiry not yet recorded. */
    private static Condition expiredUnrecordedAt(Instant now) {
        return REPOSITORY_LEASES
                .HOLDER_ID
                .isNotNull()
                .and(REPOSITORY_LEASES.RELEASED_AT.isNull())
                .and(REPOSITORY_LEASES.EXPIRES_AT.le(now))
                .and(REPOSITORY_LEASES.EXPIRY_RECORDED_AT.isNull());
    }

    @Override
    public java.util.List<Lease> expiredUnrecorded(Instant now, int limit) {
        return db.dsl()
                .selectFrom(REPOSITORY_LEASES)
                .where(expiredUnrecordedAt(now))
                .orderBy(REPOSITORY_LEASES.EXPIRES_AT)
                .limit(limit)
                .fetch(JooqLeaseRepository::toDomain);
    }

    @Override
    public Optional<Lease> expiredUnrecorded(RepositoryId repository, Instant now) {
        return db.dsl()
                .selectFrom(REPOSITORY_LEASES)
                .where(REPOSITORY_LEASES.REPOSITORY_ID.eq(repository.toString()))
                .and(expiredUnrecordedAt(now))
                .fetchOptional(JooqLeaseRepository::toDomain);
    }

    @Override
    public boolean recordExpiry(RepositoryId repository, FencingToken token, Instant now) {
        return db.dsl()
                        .update(REPOSITORY_LEASES)
                        .set(REPOSITORY_LEASES.EXPIRY_RECORDED_AT, now)
                        .where(REPOSITORY_LEASES.REPOSITORY_ID.eq(repository.toString()))
                        .and(REPOSITORY_LEASES.FENCING_TOKEN.eq(token.value()))
                        .and(expiredUnrecordedAt(now))
                        .execute()
                == 1;
    }

    @Override
    public Standing standing(RepositoryId repository, Instant now) {
        return db.dsl()
                .selectFrom(REPOSITORY_LEASES)
                .where(REPOSITORY_LEASES.REPOSITORY_ID.eq(repository.toString()))
                .fetchOptional()
                .map(r -> new Standing(
                        Optional.of(r).filter(held -> held(held, now)).map(JooqLeaseRepository::toDomain),
                        r.getFencingToken()))
                .orElse(new Standing(Optional.empty(), 0));
    }

    /** The row's grant is held at {@code now}: granted, not released, not run out (as {@code heldAt} says in SQL). */
    private static boolean held(RepositoryLeasesRecord r, Instant now) {
        return r.getHolderId() != null
                && r.getReleasedAt() == null
                && r.getExpiresAt().isAfter(now);
    }

    private static Lease toDomain(RepositoryLeasesRecord r) {
        return new Lease(
                RepositoryId.parse(r.getRepositoryId()),
                UserId.parse(r.getHolderId()),
                new FencingToken(r.getFencingToken()),
                r.getAcquiredAt(),
                r.getExpiresAt());
    }
}
