package io.buildfactory.domain.shared;

import java.time.Clock;
import java.util.random.RandomGenerator;

/** Makes new ULIDs from an injected clock and random source, so tests can fix both. */
public final class IdGenerator {

    private final Clock clock;
    private final RandomGenerator random;

    public IdGenerator(Clock clock, RandomGenerator random) {
        this.clock = clock;
        this.random = random;
    }

    public Ulid next() {
        return Ulid.generate(clock.instant(), random);
    }
}
