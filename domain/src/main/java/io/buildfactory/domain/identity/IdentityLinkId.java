package io.buildfactory.domain.identity;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a link between a user and an external identity. */
public record IdentityLinkId(Ulid value) {

    public IdentityLinkId {
        Objects.requireNonNull(value, "value");
    }

    public static IdentityLinkId parse(String text) {
        return new IdentityLinkId(Ulid.parse("identityLinkId", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
