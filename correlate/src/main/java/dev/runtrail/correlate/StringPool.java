package dev.runtrail.correlate;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares one instance of strings that many keys of an operator hold (host, account, domain, logon
 * type, privilege and program names). Every event arrives with its own copies, and on the heap
 * (HashMapStateBackend) each copy would stay in state for the life of its session: for a short
 * string the object costs more than its text. Bounded: when full it starts over, so memory stays
 * flat whatever the cardinality. Not thread-safe; one per operator instance.
 */
public final class StringPool {
    private final int capacity;
    private final Map<String, String> pool;

    public StringPool(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException(
                    "A string pool needs a positive capacity, got " + capacity + ".");
        }
        this.capacity = capacity;
        this.pool = new HashMap<>(Math.min(capacity, 1024) * 2);
    }

    /** The pooled instance equal to {@code s} (null for null). */
    public String intern(String s) {
        if (s == null) {
            return null;
        }
        String pooled = pool.get(s);
        if (pooled != null) {
            return pooled;
        }
        if (pool.size() >= capacity) {
            pool.clear();
        }
        pool.put(s, s);
        return s;
    }

    /** Entries held now. */
    public int size() {
        return pool.size();
    }
}
