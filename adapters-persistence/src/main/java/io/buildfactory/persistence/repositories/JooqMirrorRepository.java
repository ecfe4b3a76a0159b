package io.buildfactory.persistence.repositories;

import static io.buildfactory.persistence.jooq.Tables.MIRRORS;
import static io.buildfactory.persistence.jooq.Tables.REPOSITORIES;

import io.buildfactory.application.repositories.port.out.MirrorRepository;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.repositories.FencingToken;
import io.buildfactory.domain.repositories.Mirror;
import io.buildfactory.domain.repositories.MirrorDirection;
import io.buildfactory.domain.repositories.MirrorId;
import io.buildfactory.domain.repositories.MirrorStatus;
import io.buildfactory.domain.repositories.RemoteUrl;
import io.buildfactory.domain.repositories.RepositoryId;
import io.buildfactory.domain.repositories.SyncClaim;
import io.buildfactory.domain.shared.ConflictException;
import io.buildfactory.persistence.Constraints;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.Mirrors;
import io.buildfactory.persistence.jooq.tables.records.MirrorsRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * Mirrors in {@code mirrors}. A claim is one conditional UPDATE of a row picked by the due index: on PostgreSQL
 * the pick skips rows other claimers hold ({@code SKIP LOCKED}), so concurrent servers take different mirrors; on
 * SQLite the write lock serialises them. The UPDATE repeats the pick's conditions, so a row claimed meanwhile is
 * never claimed twice.
 */
public final class JooqMirrorRepository implements MirrorRepository {

    private final Database db;

    public JooqMirrorRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(Mirror m) {
        try {
            db.dsl().executeInsert(toRecord(m));
        } catch (DataAccessException e) {
            if (Constraints.isUniqueViolation(e, "mirrors_remote_key")
                    || Constraints.isUniqueViolation(e, "mirrors.remote_url")) {
                throw ConflictException.duplicate("mirror of this remote in this direction", "remoteUrl");
            }
            // SQLite names the columns; the remote key's message names repository_id too, so it is tested first
            if (Constraints.isUniqueViolation(e, "mirrors_one_pull_key")
                    || Constraints.isUniqueViolation(e, "mirrors.repository_id")) {
                throw ConflictException.duplicate(
                        "pull mirror of this repository (a repository has one upstream)", "direction");
            }
            throw e;
        }
    }

    @Override
    public Optional<Mirror> find(MirrorId id) {
        return db.dsl()
                .selectFrom(MIRRORS)
                .where(MIRRORS.ID.eq(id.toString()))
                .fetchOptional(JooqMirrorRepository::toDomain);
    }

    @Override
    public Optional<Mirror> lock(MirrorId id) {
        return db.dialect()
                .lockingRows(db.dsl().selectFrom(MIRRORS).where(MIRRORS.ID.eq(id.toString())))
                .fetchOptional(JooqMirrorRepository::toDomain);
    }

    @Override
    public List<Mirror> ofRepository(RepositoryId repository) {
        return db.dsl()
                .selectFrom(MIRRORS)
                .where(MIRRORS.REPOSITORY_ID.eq(repository.toString()))
                .orderBy(MIRRORS.ID)
                .fetch(JooqMirrorRepository::toDomain);
    }

    @Override
    public boolean updateSettings(Mirror m) {
        return db.dsl()
                        .update(MIRRORS)
                        .set(MIRRORS.INTERVAL_SECONDS, (int) m.interval().toSeconds())
                        .set(MIRRORS.PRUNE, m.prune())
                        .set(MIRRORS.ENABLED, m.enabled())
                        .set(MIRRORS.NEXT_SYNC_AT, m.nextSyncAt())
                        .set(MIRRORS.FENCING_TOKEN, m.writtenUnder().value())
                        .set(MIRRORS.UPDATED_AT, m.updatedAt())
                        .set(MIRRORS.VERSION, m.version())
                        .where(MIRRORS.ID.eq(m.id().toString()))
                        .and(MIRRORS.VERSION.eq(m.version() - 1))
                        .execute()
                == 1;
    }

    @Override
    public boolean delete(MirrorId id) {
        return db.dsl().deleteFrom(MIRRORS).where(MIRRORS.ID.eq(id.toString())).execute() == 1;
    }

    @Override
    public boolean makeDue(MirrorId id, Instant now) {
        return db.dsl()
                        .update(MIRRORS)
                        .set(MIRRORS.NEXT_SYNC_AT, now)
                        .where(MIRRORS.ID.eq(id.toString()))
                        .execute()
                == 1;
    }

    private static final Mirrors SIBLING = MIRRORS.as("sibling");

    /** Due, enabled, not being synced, and no other mirror of its repository being synced either. */
    private static Condition claimable(Instant now) {
        return MIRRORS.ENABLED
                .isTrue()
                .and(MIRRORS.NEXT_SYNC_AT.le(now))
                .and(MIRRORS.CLAIM_EXPIRES_AT.isNull().or(MIRRORS.CLAIM_EXPIRES_AT.le(now)))
                .andNotExists(DSL.selectOne()
                        .from(SIBLING)
                        .where(SIBLING.REPOSITORY_ID.eq(MIRRORS.REPOSITORY_ID))
                        .and(SIBLING.ID.ne(MIRRORS.ID))
                        .and(SIBLING.CLAIM_EXPIRES_AT.gt(now)));
    }

    @Override
    public Optional<Mirror> claimDue(Instant now, Instant until, SyncClaim claim) {
        Optional<org.jooq.Record2<String, String>> picked = db.dialect()
                .lockingRowsSkipLocked(db.dsl()
                        .select(MIRRORS.ID, MIRRORS.REPOSITORY_ID)
                        .from(MIRRORS)
                        .where(claimable(now))
                        .orderBy(MIRRORS.NEXT_SYNC_AT, MIRRORS.ID)
                        .limit(1))
                .fetchOptional();
        if (picked.isEmpty()) {
            return Optional.empty();
        }
        // claims of one repository's mirrors queue here, so the UPDATE below sees a sibling's committed claim
        db.dialect()
                .lockingRowsAgainstWriters(db.dsl()
                        .select(REPOSITORIES.ID)
                        .from(REPOSITORIES)
                        .where(REPOSITORIES.ID.eq(picked.get().value2())))
                .fetch();
        int claimed = db.dsl()
                .update(MIRRORS)
                .set(MIRRORS.CLAIM_ID, claim.toString())
                .set(MIRRORS.CLAIM_EXPIRES_AT, until)
                .where(MIRRORS.ID.eq(picked.get().value1()))
                .and(claimable(now))
                .execute();
        return claimed == 1 ? find(MirrorId.parse(picked.get().value1())) : Optional.empty();
    }

    @Override
    public boolean extendClaim(MirrorId id, SyncClaim claim, Instant until) {
        return db.dsl()
                        .update(MIRRORS)
                        .set(MIRRORS.CLAIM_EXPIRES_AT, until)
                        .where(MIRRORS.ID.eq(id.toString()))
                        .and(MIRRORS.CLAIM_ID.eq(claim.toString()))
                        .execute()
                == 1;
    }

    @Override
    public boolean recordSync(Mirror m, SyncClaim claim) {
        return db.dsl()
                        .update(MIRRORS)
                        .set(MIRRORS.STATUS, m.status().code())
                        .set(MIRRORS.LAST_SYNC_AT, m.lastSyncAt().orElse(null))
                        .set(MIRRORS.LAST_SUCCESS_AT, m.lastSuccessAt().orElse(null))
                        .set(MIRRORS.NEXT_SYNC_AT, m.nextSyncAt())
                        .set(MIRRORS.LAST_ERROR, m.lastError().orElse(null))
                        .set(MIRRORS.CONSECUTIVE_FAILURES, m.consecutiveFailures())
                        .set(MIRRORS.REFS_UPDATED, m.lastChanges().updated())
                        .set(MIRRORS.REFS_DELETED, m.lastChanges().deleted())
                        .setNull(MIRRORS.CLAIM_ID)
                        .setNull(MIRRORS.CLAIM_EXPIRES_AT)
                        .where(MIRRORS.ID.eq(m.id().toString()))
                        .and(MIRRORS.CLAIM_ID.eq(claim.toString()))
                        .execute()
                == 1;
    }

    private static MirrorsRecord toRecord(Mirror m) {
        MirrorsRecord r = new MirrorsRecord();
        r.setId(m.id().toString());
        r.setRepositoryId(m.repository().toString());
        r.setRemoteUrl(m.remote().value());
        r.setDirection(m.direction().code());
        r.setIntervalSeconds((int) m.interval().toSeconds());
        r.setPrune(m.prune());
        r.setEnabled(m.enabled());
        r.setStatus(m.status().code());
        r.setLastSyncAt(m.lastSyncAt().orElse(null));
        r.setLastSuccessAt(m.lastSuccessAt().orElse(null));
        r.setNextSyncAt(m.nextSyncAt());
        r.setLastError(m.lastError().orElse(null));
        r.setConsecutiveFailures(m.consecutiveFailures());
        r.setRefsUpdated(m.lastChanges().updated());
        r.setRefsDeleted(m.lastChanges().deleted());
        // a new mirror is claimed by no one: claim_id and claim_expires_at stay NULL
        r.setFencingToken(m.writtenUnder().value());
        r.setCreatedBy(m.createdBy().toString());
        r.setCreatedAt(m.createdAt());
        r.setUpdatedAt(m.updatedAt());
        r.setVersion(m.version());
        return r;
    }

    private static Mirror toDomain(MirrorsRecord r) {
        return new Mirror(
                MirrorId.parse(r.getId()),
                RepositoryId.parse(r.getRepositoryId()),
                new RemoteUrl(r.getRemoteUrl()),
                MirrorDirection.parse(r.getDirection()),
                Duration.ofSeconds(r.getIntervalSeconds()),
                r.getPrune(),
                r.getEnabled(),
                MirrorStatus.parse(r.getStatus()),
                Optional.ofNullable(r.getLastSyncAt()),
                Optional.ofNullable(r.getLastSuccessAt()),
                r.getNextSyncAt(),
                Optional.ofNullable(r.getLastError()),
                r.getConsecutiveFailures(),
                new Mirror.SyncChanges(r.getRefsUpdated(), r.getRefsDeleted()),
                Optional.ofNullable(r.getClaimExpiresAt()),
                new FencingToken(r.getFencingToken()),
                UserId.parse(r.getCreatedBy()),
                r.getCreatedAt(),
                r.getUpdatedAt(),
                r.getVersion());
    }
}
