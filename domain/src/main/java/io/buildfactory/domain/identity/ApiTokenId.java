package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies an API token (not the secret: that is shown once and stored only as a hash). */
public record ApiTokenId(Ulid value) {

    public ApiTokenId {
        Objects.requireNonNull(value, "value");
    }

    public static ApiTokenId parse(String text) {
        return new ApiTokenId(Ulid.parse("tokenId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
