package io.buildfactory.persistence.identity;

import static io.buildfactory.persistence.jooq.Tables.API_TOKENS;

import io.buildfactory.application.identity.port.out.ApiTokenRepository;
import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.UserId;
import io.buildfactory.domain.shared.Timestamps;
import io.buildfactory.persistence.ChangeFeed;
import io.buildfactory.persistence.Database;
import io.buildfactory.persistence.jooq.tables.records.ApiTokensRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public final class JooqApiTokenRepository implements ApiTokenRepository {

    private final Database db;

    public JooqApiTokenRepository(Database db) {
        this.db = db;
    }

    @Override
    public void insert(ApiToken t) {
        db.transaction(() -> db.dsl()
                .executeInsert(new ApiTokensRecord(
                        t.id().toString(),
                        t.userId().toString(),
                        t.name(),
                        t.tokenHash().hex(),
                        t.createdAt(),
                        t.createdAt(),
                        t.expiresAt().orElse(null),
                        t.revokedAt().orElse(null),
                        t.lastUsedAt().orElse(null))));
    }

    @Override
    public Optional<ApiToken> findByHash(TokenHash hash) {
        return db.dsl()
                .selectFrom(API_TOKENS)
                .where(API_TOKENS.TOKEN_HASH.eq(hash.hex()))
                .fetchOptional(JooqApiTokenRepository::toDomain);
    }

    @Override
    public Optional<ApiToken> findById(ApiTokenId id) {
        return db.dsl()
                .selectFrom(API_TOKENS)
                .where(API_TOKENS.ID.eq(id.toString()))
                .fetchOptional(JooqApiTokenRepository::toDomain);
    }

    @Override
    public List<ApiToken> tokensOf(UserId user) {
        return db.dsl()
                .selectFrom(API_TOKENS)
                .where(API_TOKENS.USER_ID.eq(user.toString()))
                .orderBy(API_TOKENS.ID.desc())
                .fetch(JooqApiTokenRepository::toDomain);
    }

    @Override
    public boolean revoke(ApiTokenId id, Instant at) {
        Instant revoked = Timestamps.stored(at);
        return db.transaction(
                        ChangeFeed.Topic.PRINCIPALS,
                        () -> db.dsl()
                                .update(API_TOKENS)
                                .set(API_TOKENS.REVOKED_AT, revoked)
                                .set(API_TOKENS.UPDATED_AT, revoked)
                                .where(API_TOKENS.ID.eq(id.toString()))
                                .and(API_TOKENS.REVOKED_AT.isNull())
                                .execute())
                > 0;
    }

    @Override
    public int revokeAllOf(UserId user, Instant at) {
        Instant revoked = Timestamps.stored(at);
        return db.transaction(
                ChangeFeed.Topic.PRINCIPALS,
                () -> db.dsl()
                        .update(API_TOKENS)
                        .set(API_TOKENS.REVOKED_AT, revoked)
                        .set(API_TOKENS.UPDATED_AT, revoked)
                        .where(API_TOKENS.USER_ID.eq(user.toString()))
                        .and(API_TOKENS.REVOKED_AT.isNull())
                        .execute());
    }

    @Override
    public void touch(ApiTokenId id, Instant at) {
        Instant used = Timestamps.stored(at);
        db.transaction(() -> db.dsl()
                .update(API_TOKENS)
                .set(API_TOKENS.LAST_USED_AT, used)
                .where(API_TOKENS.ID.eq(id.toString()))
                .execute());
    }

    static ApiToken toDomain(ApiTokensRecord r) {
        return new ApiToken(
                ApiTokenId.parse(r.getId()),
                UserId.parse(r.getUserId()),
                r.getName(),
                new TokenHash(r.getTokenHash()),
                r.getCreatedAt(),
                Optional.ofNullable(r.getExpiresAt()),
                Optional.ofNullable(r.getRevokedAt()),
                Optional.ofNullable(r.getLastUsedAt()));
    }
}
