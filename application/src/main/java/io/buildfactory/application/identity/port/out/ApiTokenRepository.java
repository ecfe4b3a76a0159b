package io.buildfactory.application.identity.port.out;

import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Agents' API tokens, found by the hash of the secret. */
public interface ApiTokenRepository {

    void insert(ApiToken token);

    Optional<ApiToken> findByHash(TokenHash hash);

    Optional<ApiToken> findById(ApiTokenId id);

    /** The user's tokens, newest first, revoked ones included. */
    List<ApiToken> tokensOf(UserId user);

    /** @return whether the token was live */
    boolean revoke(ApiTokenId id, Instant at);

    /** @return how many live tokens were revoked */
    int revokeAllOf(UserId user, Instant at);

    void touch(ApiTokenId id, Instant at);
}
