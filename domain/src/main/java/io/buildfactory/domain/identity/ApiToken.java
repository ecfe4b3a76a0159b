package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Text;
import io.buildfactory.domain.shared.Timestamps;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A long-lived credential for an agent: revocable, optionally expiring, stored as a hash. */
public record ApiToken(
        ApiTokenId id,
        UserId userId,
        String name,
        TokenHash tokenHash,
        Instant createdAt,
        Optional<Instant> expiresAt,
        Optional<Instant> revokedAt,
        Optional<Instant> lastUsedAt) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        name = Text.required("name", name, 100);
        Objects.requireNonNull(tokenHash, "tokenHash");
        createdAt = Timestamps.stored(Objects.requireNonNull(createdAt, "createdAt"));
        expiresAt = expiresAt.map(at -> Timestamps.storable("expiresAt", at));
        revokedAt = revokedAt.map(Timestamps::stored);
        lastUsedAt = lastUsedAt.map(Timestamps::stored);
    }

    public boolean isValidAt(Instant now) {
        return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
    }
}
