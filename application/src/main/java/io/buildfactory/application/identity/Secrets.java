package io.buildfactory.application.identity;

import io.buildfactory.domain.identity.TokenHash;
import java.util.Base64;
import java.util.random.RandomGenerator;

/** Bearer secrets: 256 random bits, base64url, behind a prefix that says what kind of credential it is. */
final class Secrets {

    static final String SESSION_PREFIX = "bfs_";
    static final String API_TOKEN_PREFIX = "bfa_";

    private final RandomGenerator random;

    Secrets(RandomGenerator random) {
        this.random = random;
    }

    String newSecret(String prefix) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static TokenHash hash(String secret) {
        return TokenHash.of(secret);
    }
}
