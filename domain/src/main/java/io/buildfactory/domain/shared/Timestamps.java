package io.buildfactory.domain.shared;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Instants are kept to the microsecond: PostgreSQL stores no finer, and both databases must round-trip equal. */
public final class Timestamps {

    private Timestamps() {}

    /** The range both databases store: years 1 to 9999 (PostgreSQL's {@code timestamptz} goes further, ISO text does not). */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    public static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** An instant a caller chose, checked to lie in the stored range; outside it is a 400 naming {@code field}. */
    public static Instant storable(String field, Instant instant) {
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidInputException(field, "must lie between the years 1 and 9999");
        }
        return stored(instant);
    }
}
