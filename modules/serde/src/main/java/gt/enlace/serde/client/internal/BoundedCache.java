package gt.enlace.serde.client.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A thread-safe least-recently-used map with a fixed capacity. Used on the client's cold path only
 * (the serde keeps its own lock-free caches in front), so a lock is fine.
 *
 * @param <K> key type
 * @param <V> value type
 */
public final class BoundedCache<K, V> {

    private final LinkedHashMap<K, V> map;

    /**
     * @param capacity maximum number of entries
     */
    public BoundedCache(int capacity) {
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * @param key the key
     * @return the value or {@code null}
     */
    public synchronized V get(K key) {
        return map.get(key);
    }

    /**
     * @param key   the key
     * @param value the value
     */
    public synchronized void put(K key, V value) {
        map.put(key, value);
    }

    /**
     * @param key the key to forget
     */
    public synchronized void remove(K key) {
        map.remove(key);
    }

    /** @return the number of entries */
    public synchronized int size() {
        return map.size();
    }

    /**
     * Returns the cached value or computes it outside the lock (so a slow HTTP call never blocks
     * other keys); two concurrent misses may both compute, the last one wins.
     *
     * @param key    the key
     * @param loader computes the value on a miss
     * @return the value
     */
    public V computeIfAbsent(K key, Function<K, V> loader) {
        V value = get(key);
        if (value == null) {
            value = loader.apply(key);
            put(key, value);
        }
        return value;
    }
}
