package io.buildfactory.benchmarks;

import io.buildfactory.domain.shared.IdGenerator;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * The benchmark process's composition root for time and ids: the one clock every benchmark hands to what it
 * builds, and seeded id generators on it (seeded, so a run's ids are the same each time).
 */
final class Bench {

    private Bench() {}

    static final Clock CLOCK = Clock.systemUTC();

    static IdGenerator ids(long seed) {
        return new IdGenerator(CLOCK, new SplittableRandom(seed));
    }
}
