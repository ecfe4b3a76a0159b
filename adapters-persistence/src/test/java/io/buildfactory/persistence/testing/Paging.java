package io.buildfactory.persistence.testing;

import io.buildfactory.domain.shared.Page;
import io.buildfactory.domain.shared.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Follows next-page cursors the way a client would, collecting every item. */
public final class Paging {

    private Paging() {}

    public static <T> List<T> all(int pageSize, Function<PageRequest, Page<T>> fetch) {
        List<T> items = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        Page<T> page = fetch.apply(request);
        items.addAll(page.items());
        while (page.nextCursor().isPresent()) {
            page = fetch.apply(request.next(page.nextCursor().get()));
            items.addAll(page.items());
        }
        return items;
    }
}
