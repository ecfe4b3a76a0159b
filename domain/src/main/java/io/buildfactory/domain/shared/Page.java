package io.buildfactory.domain.shared;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
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

    /** Hands every item of every page to {@code sink}, fetching {@code size} at a time. @return how many */
    public static <T> long drain(int size, Function<PageRequest, Page<T>> fetch, Consumer<? super T> sink) {
        long count = 0;
        PageRequest page = PageRequest.first(size);
        while (true) {
            Page<T> result = fetch.apply(page);
            result.items().forEach(sink);
            count += result.items().size();
            if (result.nextCursor().isEmpty()) {
                return count;
            }
            page = page.next(result.nextCursor().get());
        }
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
