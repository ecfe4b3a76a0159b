package io.buildfactory.domain.repositories;

/**
 * The number of a lease grant. Each grant of a repository's lease takes the next number, across releases, expiries
 * and restarts, so a write that presents an older number than the current one comes from a holder that lost the
 * lease and is refused.
 */
public record FencingToken(long value) implements Comparable<FencingToken> {

    public FencingToken {
        if (value < 1) {
            throw new IllegalArgumentException("fencing tokens start at 1");
        }
    }

    @Override
    public int compareTo(FencingToken other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
