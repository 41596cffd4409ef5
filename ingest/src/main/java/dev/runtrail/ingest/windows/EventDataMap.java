package dev.runtrail.ingest.windows;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The EventData fields of one record, in document order: parallel arrays with a small
 * open-addressing index instead of a LinkedHashMap, because parsers build one per event (tens of
 * fields each) and a linked hash entry per field was a large share of their allocation. Behaves
 * like a LinkedHashMap for what {@link WindowsRecord} users do: {@code put} of an existing name
 * replaces the value in place, {@code get} by name, iteration in insertion order. Null keys are not
 * supported.
 */
public final class EventDataMap extends AbstractMap<String, String> {
    private String[] keys;

    /** The ECS field of each name when the parser knew it beforehand, else null. */
    private String[] fields;

    private String[] values;
    private int[] hashes;

    /** Open-addressing index into the arrays: slot holds index + 1, 0 when empty. */
    private int[] slots;

    private int size;

    /** An empty map with room for {@code capacity} fields before it grows. */
    public EventDataMap(int capacity) {
        int n = Math.max(4, capacity);
        keys = new String[n];
        fields = new String[n];
        values = new String[n];
        hashes = new int[n];
        slots = new int[Integer.highestOneBit(n * 2 - 1) * 2];
    }

    /**
     * Empties the map for the next record, so a parser can fill one map per event without
     * allocating it anew; a map grown by an unusually large record shrinks back, so one such record
     * does not make every later clear slow.
     */
    @Override
    public void clear() {
        if (keys.length > MAX_KEPT_CAPACITY) {
            int n = MAX_KEPT_CAPACITY;
            keys = new String[n];
            fields = new String[n];
            values = new String[n];
            hashes = new int[n];
            slots = new int[Integer.highestOneBit(n * 2 - 1) * 2];
        } else if (size > 0) {
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(fields, 0, size, null);
            Arrays.fill(values, 0, size, null);
            Arrays.fill(slots, 0);
        }
        size = 0;
    }

    /** Capacity a cleared map keeps at most. */
    private static final int MAX_KEPT_CAPACITY = 128;

    /** Number of fields. */
    @Override
    public int size() {
        return size;
    }

    /** Name of the i-th field in insertion order. */
    public String keyAt(int i) {
        return keys[i];
    }

    /**
     * The ECS field ({@code winlog.event_data.<name>}) of the i-th name when the parser gave it
     * with {@link #put(String, String, String)}, else null.
     */
    public String ecsFieldAt(int i) {
        return fields[i];
    }

    /** Value of the i-th field in insertion order. */
    public String valueAt(int i) {
        return values[i];
    }

    private int indexOf(Object key) {
        int h = key.hashCode();
        int mask = slots.length - 1;
        for (int i = spread(h) & mask; ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            int index = slot - 1;
            if (hashes[index] == h && (keys[index] == key || keys[index].equals(key))) {
                return index;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private void index(int index) {
        int mask = slots.length - 1;
        int i = spread(hashes[index]) & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = index + 1;
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
        return put(key, null, value);
    }

    /**
     * Like {@link #put(String, String)}, with the ECS field the name maps to ({@link
     * WindowsEventMapper#eventDataKey}), for parsers that work it out once per template rather than
     * per event.
     */
    public String put(String key, String ecsField, String value) {
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
            fields = Arrays.copyOf(fields, size * 2);
            values = Arrays.copyOf(values, size * 2);
            hashes = Arrays.copyOf(hashes, size * 2);
            slots = new int[slots.length * 2];
            for (int k = 0; k < size; k++) {
                index(k);
            }
        }
        keys[size] = key;
        fields[size] = ecsField;
        values[size] = value;
        hashes[size] = key.hashCode();
        index(size);
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
