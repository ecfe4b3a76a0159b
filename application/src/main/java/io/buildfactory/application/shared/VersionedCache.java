package io.buildfactory.application.shared;

import io.buildfactory.application.shared.port.out.ChangeVersions;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * What was read lately, served again while the version it was read under is still current: the reads made on
 * every request (who a credential is, a project's members, a work item's page), kept in memory without ever
 * outliving a change.
 *
 * <p>The version is read <em>before</em> the database, so a change committed while a value is being read leaves
 * that value tagged with a version that is already gone, and it is never served. Only usable values are kept
 * (a valid credential, an active user), and a kept value that is no longer usable is read again, never refused
 * from memory: a refusal always comes from the database. At {@code capacity} entries the cache starts over,
 * which bounds its memory without bookkeeping on the hot path.
 */
public final class VersionedCache<K, V> {

    private record Entry<V>(long version, V value) {}

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final LongSupplier version;
    private final int capacity;

    public VersionedCache(LongSupplier version, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.version = version;
        this.capacity = capacity;
    }

    /** The value for {@code key} if it is {@code usable}: from memory when still current, else from {@code load}. */
    public Optional<V> get(K key, Predicate<? super V> usable, Function<? super K, Optional<V>> load) {
        long current = version.getAsLong();
        if (current != ChangeVersions.UNKNOWN) {
            Entry<V> kept = entries.get(key);
            if (kept != null && kept.version() == current && usable.test(kept.value())) {
                return Optional.of(kept.value());
            }
        }
        Optional<V> loaded = load.apply(key).filter(usable);
        if (current == ChangeVersions.UNKNOWN || loaded.isEmpty()) {
            entries.remove(key);
        } else {
            if (entries.size() >= capacity) {
                entries.clear();
            }
            entries.put(key, new Entry<>(current, loaded.get()));
        }
        return loaded;
    }

    /** Drops what is kept for {@code key}, after this process changed it in a way the version does not track. */
    public void forget(K key) {
        entries.remove(key);
    }

    public int size() {
        return entries.size();
    }
}
