package io.buildfactory.http.shared;

import io.buildfactory.domain.shared.Page;
import java.util.List;
import java.util.function.Function;

/** One page of a list as every list endpoint returns it: the items and the cursor of the next page, or null. */
public record PageView<T>(List<T> items, String nextCursor) {

    public static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
        Page<T> mapped = page.map(view);
        return new PageView<>(mapped.items(), mapped.nextCursor().orElse(null));
    }
}
