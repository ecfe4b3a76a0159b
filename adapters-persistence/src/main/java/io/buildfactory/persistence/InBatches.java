package io.buildfactory.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A read by many keys at once, as {@code key in (…)}: one statement for a page's worth of parents instead of one
 * per parent. Keys go in slices small enough for any SQLite build's bound-parameter limit (999 before 3.32), so a
 * card with thousands of runs still reads; each parent's rows come from one slice, in the order the query gives.
 */
public final class InBatches {

    public static final int SLICE = 500;

    private InBatches() {}

    public static <K, R> List<R> read(Collection<K> keys, Function<List<String>, List<R>> query) {
        List<String> distinct = keys.stream().map(Object::toString).distinct().toList();
        if (distinct.isEmpty()) {
            return List.of();
        }
        if (distinct.size() <= SLICE) {
            return query.apply(distinct);
        }
        List<R> rows = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += SLICE) {
            rows.addAll(query.apply(distinct.subList(from, Math.min(from + SLICE, distinct.size()))));
        }
        return rows;
    }
}
