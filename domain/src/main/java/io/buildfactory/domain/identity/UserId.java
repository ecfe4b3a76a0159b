package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a user, human or agent. */
public record UserId(Ulid value) {

    public UserId {
        Objects.requireNonNull(value, "value");
    }

    public static UserId parse(String text) {
        return new UserId(Ulid.parse("userId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
