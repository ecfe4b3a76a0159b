package io.buildfactory.domain.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** The SHA-256 of a bearer token, in lower-case hex: the only form of a token the database ever sees. */
public record TokenHash(String hex) {

    private static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");

    public TokenHash {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw new IllegalArgumentException("a token hash is 64 lower-case hex characters");
        }
    }

    public static TokenHash of(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return new TokenHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
