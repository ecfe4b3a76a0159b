package io.buildfactory.domain.conversations;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies a retention policy. */
public record RetentionPolicyId(Ulid value) {

    public RetentionPolicyId {
        Objects.requireNonNull(value, "value");
    }

    public static RetentionPolicyId parse(String text) {
        return new RetentionPolicyId(Ulid.parse("id", text));
    }

    @Override
    public String toString() {
        return value.value();
    }
}
