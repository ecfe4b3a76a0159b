package io.buildfactory.domain.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants are kept to the microsecond: PostgreSQL stores no finer, and both databases must round-trip equal. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }
}
