package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a role. */
public record RoleId(Ulid value) {

    public RoleId {
        Objects.requireNonNull(value, "value");
    }

    public static RoleId parse(String text) {
        return new RoleId(Ulid.parse("roleId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
