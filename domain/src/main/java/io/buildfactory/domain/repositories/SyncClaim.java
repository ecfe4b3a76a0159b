package io.buildfactory.domain.repositories;

import io.buildfactory.domain.shared.Ulid;
import java.util.Objects;

/** Identifies one server's claim on a mirror's sync: only the claim that started a sync may renew or record it. */
public record SyncClaim(Ulid value) {

    public SyncClaim {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.value();
    }
}
