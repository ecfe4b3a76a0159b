package io.buildfactory.application.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.buildfactory.application.shared.port.out.ChangeVersions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VersionedCacheTest {

    final AtomicLong version = new AtomicLong(1);
    final AtomicInteger loads = new AtomicInteger();
    final VersionedCache<String, String> cache = new VersionedCache<>(version::get, 3);

    Optional<String> read(String key, String value) {
        return cache.get(key, v -> !v.equals("unusable"), k -> {
            loads.incrementAndGet();
            return Optional.of(value);
        });
    }

    @Test
    void a_value_is_served_from_memory_until_the_version_moves() {
        assertEquals(Optional.of("a"), read("k", "a"));
        assertEquals(Optional.of("a"), read("k", "b"));
        assertEquals(1, loads.get());
        version.incrementAndGet();
        assertEquals(Optional.of("b"), read("k", "b"), "after a change the database answers");
        assertEquals(2, loads.get());
    }

    @Test
    void a_change_committed_while_a_value_is_read_keeps_that_value_from_being_served() {
        cache.get("k", v -> true, k -> {
            version.incrementAndGet(); // a revocation commits while the old state is read
            return Optional.of("old");
        });
        assertEquals(Optional.of("new"), read("k", "new"));
    }

    @Test
    void nothing_is_kept_while_changes_cannot_be_heard() {
        version.set(ChangeVersions.UNKNOWN);
        read("k", "a");
        read("k", "a");
        assertEquals(2, loads.get());
        assertEquals(0, cache.size());
    }

    @Test
    void a_refusal_always_comes_from_the_database_and_is_not_kept() {
        assertEquals(Optional.empty(), read("k", "unusable"));
        assertEquals(Optional.empty(), read("k", "unusable"));
        assertEquals(2, loads.get());
        assertEquals(0, cache.size());
    }

    @Test
    void memory_is_bounded_by_the_capacity() {
        for (int i = 0; i < 10; i++) {
            read("k" + i, "v");
        }
        assertEquals(true, cache.size() <= 3, "size " + cache.size());
    }
}
