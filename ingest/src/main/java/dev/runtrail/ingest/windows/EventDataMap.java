package dev.runtrail.ingest.windows;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The EventData fields of one record, in document order: two parallel arrays instead of a
 * LinkedHashMap, because parsers build one per event (tens of fields each) and a linked hash entry
 * per field was a large share of their allocation. Behaves like a LinkedHashMap for what {@link
 * WindowsRecord} users do: {@code put} of an existing name replaces the value in place, {@code get}
 * by name, iteration in insertion order. Null keys are not supported.
 */
public final class EventDataMap extends AbstractMap<String, String> {
    private String[] keys;
    private String[] values;
    private int size;

    /** An empty map with room for {@code capacity} fields before it grows. */
    public EventDataMap(int capacity) {
        keys = new String[Math.max(4, capacity)];
        values = new String[keys.length];
    }

    /** Number of fields. */
    @Override
    public int size() {
        return size;
    }

    /** Name of the i-th field in insertion order. */
    public String keyAt(int i) {
        return keys[i];
    }

    /** Value of the i-th field in insertion order. */
    public String valueAt(int i) {
        return values[i];
    }

    private int indexOf(Object key) {
        // Event records have a few dozen fields at most, and names of one event mostly differ in
        // length, which String.equals checks first: a plain scan beats hashing (names decoded for
        // each chunk or line would have their hash computed afresh).
        for (int i = 0; i < size; i++) {
            String k = keys[i];
            if (k == key || k.equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String get(Object key) {
        if (key == null) {
            return null;
        }
        int i = indexOf(key);
        return i < 0 ? null : values[i];
    }

    @Override
    public boolean containsKey(Object key) {
        return key != null && indexOf(key) >= 0;
    }

    @Override
    public String put(String key, String value) {
        if (key == null) {
            throw new NullPointerException("EventData field names must not be null.");
        }
        int i = indexOf(key);
        if (i >= 0) {
            String old = values[i];
            values[i] = value;
            return old;
        }
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        keys[size] = key;
        values[size] = value;
        size++;
        return null;
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, String>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Entry<String, String> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return size;
            }
        };
    }
}
