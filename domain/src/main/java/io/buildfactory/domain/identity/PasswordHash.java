package io.buildfactory.domain.identity;

import java.util.Objects;

/** An encoded password hash (PHC string format). Never the password itself; never printed. */
public record PasswordHash(String encoded) {

    public PasswordHash {
        Objects.requireNonNull(encoded, "encoded");
        if (!encoded.startsWith("$")) {
            throw new IllegalArgumentException("a password hash is a PHC string starting with '$'");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[***]";
    }
}
