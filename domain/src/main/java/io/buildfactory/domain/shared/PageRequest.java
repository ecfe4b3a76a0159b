package io.buildfactory.domain.shared;

import java.util.Optional;

/**
 * Keyset pagination: the items after {@code after} (an opaque cursor, the last id of the previous page),
 * at most {@code limit} of them.
 */
public record PageRequest(Optional<String> after, int limit) {

    public static final int MAX_LIMIT = 500;
    public static final int DEFAULT_LIMIT = 50;

    public PageRequest {
        if (after == null) {
            after = Optional.empty();
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("limit", "must be between 1 and " + MAX_LIMIT);
        }
    }

    public static PageRequest first(int limit) {
        return new PageRequest(Optional.empty(), limit);
    }

    public PageRequest next(String cursor) {
        return new PageRequest(Optional.of(cursor), limit);
    }
}
