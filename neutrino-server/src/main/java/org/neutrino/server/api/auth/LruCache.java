package org.neutrino.server.api.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A map of at most {@code capacity} entries that forgets the least recently used entry to make
 * room for a new one. Thread-safe: each call holds one lock for the time of a hash map operation
 * (a {@link ReentrantLock}, which does not pin virtual threads).
 *
 * @param <K> the key
 * @param <V> the value
 */
final class LruCache<K, V> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<K, V> entries;

    LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The value of {@code key}, now the most recently used, or {@code null}. */
    V get(K key) {
        lock.lock();
        try {
            return entries.get(key);
        } finally {
            lock.unlock();
        }
    }

    /** Adds or replaces an entry, forgetting the least recently used one when full. */
    void put(K key, V value) {
        lock.lock();
        try {
            entries.put(key, value);
        } finally {
            lock.unlock();
        }
    }

    /** Removes the entry of {@code key} if it still has {@code value}. */
    void remove(K key, V value) {
        lock.lock();
        try {
            entries.remove(key, value);
        } finally {
            lock.unlock();
        }
    }

    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
