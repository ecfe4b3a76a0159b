package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a login session. */
public record SessionId(Ulid value) {

    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    public static SessionId parse(String text) {
        return new SessionId(Ulid.parse("sessionId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
