package io.buildfactory.domain.shared;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** One page of results and the cursor of the next page, empty on the last one. */
public record Page<T>(List<T> items, Optional<String> nextCursor) {

    public Page {
        items = List.copyOf(items);
    }

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only proves a next page exists.
     */
    public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> cursorOf) {
        if (fetched.size() <= limit) {
            return new Page<>(fetched, Optional.empty());
        }
        List<T> items = fetched.subList(0, limit);
        return new Page<>(items, Optional.of(cursorOf.apply(items.getLast())));
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
