package dev.runtrail.ingest.windows;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
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
    /**
     * A fixed sequence of distinct names with their ECS fields and index, built once (by a parser,
     * for one event template) and shared by every map filled with exactly those names in that
     * order: such a map stores only its values, and indexes nothing.
     */
    public static final class Layout {
        private final String[] keys;
        private final String[] fields;
        private final int[] hashes;
        private final int[] slots;

        private Layout(String[] keys, String[] fields) {
            this.keys = keys;
            this.fields = fields;
            this.hashes = new int[keys.length];
            this.slots = new int[tableSize(keys.length)];
            for (int i = 0; i < keys.length; i++) {
                hashes[i] = keys[i].hashCode();
                index(slots, hashes, i);
            }
        }

        /**
         * The layout of these names, with their ECS fields (null where not known); null when a name
         * is null or repeats, as a map filled with them would not hold them all in order.
         */
        public static Layout of(List<String> names, List<String> ecsFields) {
            if (names.size() != ecsFields.size() || new HashSet<>(names).size() != names.size()) {
                return null;
            }
            for (String name : names) {
                if (name == null) {
                    return null;
                }
            }
            return new Layout(names.toArray(new String[0]), ecsFields.toArray(new String[0]));
        }
    }

    /**
     * The working arrays: this map's own, or while {@link #shared} is set that layout's (which are
     * never written).
     */
    private String[] keys;

    /** The ECS field of each name when the parser knew it beforehand, else null. */
    private String[] fields;

    private String[] values;
    private int[] hashes;

    /** Open-addressing index into the arrays: slot holds index + 1, 0 when empty. */
    private int[] slots;

    private int size;

    /** The layout whose arrays the map uses until a put leaves its sequence, or null. */
    private Layout shared;

    /** This map's own arrays, kept while a layout's are in use. */
    private String[] ownKeys;

    private String[] ownFields;
    private int[] ownHashes;
    private int[] ownSlots;

    /** An empty map with room for {@code capacity} fields before it grows. */
    public EventDataMap(int capacity) {
        int n = Math.max(4, capacity);
        keys = new String[n];
        fields = new String[n];
        values = new String[n];
        hashes = new int[n];
        slots = new int[tableSize(n)];
    }

    private static int tableSize(int capacity) {
        return Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) * 2;
    }

    /**
     * Lets an empty map take {@code layout}'s names: puts of exactly its names in its order (the
     * same String instances) then only store values. Any other put first copies the names stored so
     * far into the map's own arrays, so the map behaves the same either way. No-op when the map is
     * not empty.
     */
    public void adopt(Layout layout) {
        if (size != 0 || shared != null) {
            return;
        }
        ownKeys = keys;
        ownFields = fields;
        ownHashes = hashes;
        ownSlots = slots;
        keys = layout.keys;
        fields = layout.fields;
        hashes = layout.hashes;
        slots = layout.slots;
        if (values.length < keys.length) {
            values = new String[keys.length];
        }
        shared = layout;
    }

    /** The map's own arrays in place again, as they were when the layout was adopted. */
    private void restoreOwnArrays() {
        keys = ownKeys;
        fields = ownFields;
        hashes = ownHashes;
        slots = ownSlots;
        ownKeys = null;
        ownFields = null;
        ownHashes = null;
        ownSlots = null;
        shared = null;
    }

    /** Back to the map's own arrays, which then hold the names stored so far. */
    private void unshare() {
        String[] sharedKeys = keys;
        String[] sharedFields = fields;
        int[] sharedHashes = hashes;
        restoreOwnArrays();
        if (keys.length < values.length) {
            int n = values.length;
            keys = new String[n];
            fields = new String[n];
            hashes = new int[n];
            slots = new int[tableSize(n)];
        }
        System.arraycopy(sharedKeys, 0, keys, 0, size);
        System.arraycopy(sharedFields, 0, fields, 0, size);
        System.arraycopy(sharedHashes, 0, hashes, 0, size);
        for (int k = 0; k < size; k++) {
            index(slots, hashes, k);
        }
    }

    /**
     * Empties the map for the next record, so a parser can fill one map per event without
     * allocating it anew; a map grown by an unusually large record shrinks back, so one such record
     * does not make every later clear slow.
     */
    @Override
    public void clear() {
        if (shared != null) {
            // The own arrays were left empty when the layout was adopted. The values stay: the
            // next record overwrites them, nothing reads past the size, and clearing them cost
            // more than keeping one record's strings alive.
            restoreOwnArrays();
            size = 0;
        }
        if (keys.length > MAX_KEPT_CAPACITY) {
            int n = MAX_KEPT_CAPACITY;
            keys = new String[n];
            fields = new String[n];
            values = new String[n];
            hashes = new int[n];
            slots = new int[tableSize(n)];
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
                // a layout indexes names that may not have been stored yet
                return index < size ? index : -1;
            }
        }
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static void index(int[] slots, int[] hashes, int index) {
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
        if (shared != null) {
            if (size < keys.length && keys[size] == key) {
                values[size++] = value;
                return null;
            }
            unshare();
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
                index(slots, hashes, k);
            }
        }
        keys[size] = key;
        fields[size] = ecsField;
        values[size] = value;
        hashes[size] = key.hashCode();
        index(slots, hashes, size);
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
