package io.buildfactory.persistence.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.buildfactory.domain.identity.ApiToken;
import io.buildfactory.domain.identity.ApiTokenId;
import io.buildfactory.domain.identity.LoginThrottle;
import io.buildfactory.domain.identity.TokenHash;
import io.buildfactory.domain.identity.User;
import io.buildfactory.persistence.testing.Fixtures;
import io.buildfactory.persistence.testing.OnBothEngines;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTokenAndThrottleContractTest extends OnBothEngines {

    JooqApiTokenRepository tokens;
    JooqLoginThrottleRepository throttles;
    User agent;

    @BeforeEach
    void repositories() {
        JooqUserRepository users = new JooqUserRepository(db.database());
        agent = fixtures.user();
        users.insert(agent);
        tokens = new JooqApiTokenRepository(db.database());
        throttles = new JooqLoginThrottleRepository(db.database(), Clock.fixed(Fixtures.NOW, ZoneOffset.UTC));
    }

    ApiToken token(String secret, Optional<Instant> expiresAt) {
        return new ApiToken(
                new ApiTokenId(fixtures.id()),
                agent.id(),
                "ci",
                TokenHash.of(secret),
                Fixtures.NOW,
                expiresAt,
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void a_token_is_found_by_the_hash_of_its_secret_and_revoked_once() {
        ApiToken token = token("bfa_secret", Optional.of(Fixtures.NOW.plusSeconds(3600)));
        tokens.insert(token);
        assertEquals(Optional.of(token), tokens.findByHash(TokenHash.of("bfa_secret")));
        assertEquals(Optional.empty(), tokens.findByHash(TokenHash.of("bfa_other")));

        assertTrue(tokens.revoke(token.id(), Fixtures.NOW.plusSeconds(5)));
        assertFalse(tokens.revoke(token.id(), Fixtures.NOW.plusSeconds(6)));
        ApiToken revoked = tokens.findById(token.id()).orElseThrow();
        assertEquals(Optional.of(Fixtures.NOW.plusSeconds(5)), revoked.revokedAt());
        assertFalse(revoked.isValidAt(Fixtures.NOW.plusSeconds(7)));
    }

    @Test
    void revoking_all_of_a_user_spares_no_live_token_and_use_is_recorded() {
        ApiToken a = token("bfa_a", Optional.empty());
        ApiToken b = token("bfa_b", Optional.empty());
        tokens.insert(a);
        tokens.insert(b);
        tokens.touch(a.id(), Fixtures.NOW.plusSeconds(30));
        assertEquals(
                Optional.of(Fixtures.NOW.plusSeconds(30)),
                tokens.findById(a.id()).orElseThrow().lastUsedAt());
        assertEquals(
                List.of(b.id(), a.id()),
                tokens.tokensOf(agent.id()).stream().map(ApiToken::id).toList(),
                "newest first");
        assertEquals(2, tokens.revokeAllOf(agent.id(), Fixtures.NOW.plusSeconds(60)));
        assertEquals(0, tokens.revokeAllOf(agent.id(), Fixtures.NOW.plusSeconds(61)));
    }

    @Test
    void throttle_records_are_saved_replaced_and_cleared() {
        String key = "address:10.0.0.7";
        assertEquals(Optional.empty(), throttles.find(key));
        LoginThrottle.Record first = new LoginThrottle.Record(1, Fixtures.NOW, Optional.empty());
        throttles.save(key, first);
        assertEquals(Optional.of(first), throttles.find(key));
        LoginThrottle.Record blocked =
                new LoginThrottle.Record(6, Fixtures.NOW, Optional.of(Fixtures.NOW.plusSeconds(2)));
        throttles.save(key, blocked);
        assertEquals(Optional.of(blocked), throttles.find(key));
        throttles.clear(key);
        assertEquals(Optional.empty(), throttles.find(key));
    }
}
