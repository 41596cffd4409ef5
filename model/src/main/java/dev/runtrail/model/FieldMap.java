package dev.runtrail.model;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * The fields of an {@link EcsDocument}: a map in insertion order, as {@link
 * java.util.LinkedHashMap} keeps it, without a node per entry. Keys and values sit in two arrays by
 * position; an open-addressing table of positions finds a key by its hash. Removal closes the gap,
 * so positions {@code 0..size()-1} always hold the entries in order and hot callers can walk them
 * with {@link #keyAt} and {@link #valueAt} instead of an iterator.
 *
 * <p>Behaves like {@code LinkedHashMap} in insertion-order mode: putting an existing key keeps its
 * position, a removed and re-put key goes to the end, null keys and values are allowed, and
 * iterators fail fast on structural changes made outside them. Not thread-safe.
 */
final class FieldMap extends AbstractMap<String, Object> {
    /** Multiplier of Fibonacci hashing: spreads String hashes over the top bits. */
    private static final int SPREAD = 0x9E3779B9;

    private static final int MIN_GROWTH = 8;
    private static final String[] NO_KEYS = {};
    private static final Object[] NO_VALUES = {};

    private String[] keys;
    private Object[] values;

    /**
     * Open-addressing table, at least twice the key capacity so probes stay short. A slot holds 0
     * when empty, else {@code position + 1} in its low {@link #positionBits} bits and, above them,
     * low bits of the key's spread hash, so most probes that meet another key skip {@code equals}.
     */
    private int[] slots;

    /** Log2 of the table length, which is also the width of the position part of a slot. */
    private int positionBits;

    private int size;

    /**
     * Counts insertions and removals, as {@code HashMap.modCount} does, for fail-fast iterators.
     */
    private int modCount;

    private Set<Map.Entry<String, Object>> entrySet;

    /**
     * Set while {@link #keys} and {@link #slots} are this layout's, shared with other maps and
     * never written: the map holds the layout's first {@link #size} keys, in its order. The first
     * change that leaves that order gives the map arrays of its own ({@link #detach}).
     */
    private EcsDocument.Layout layout;

    /** The layouts to move to when a put departs from {@link #layout}: the first one's others. */
    private EcsDocument.Layout[] others;

    /**
     * For Kryo, which Flink uses for documents held inside state objects: its map serializer makes
     * an empty map with the no-argument constructor and puts the entries. Without one it would make
     * the map without running a constructor, leaving the arrays null.
     */
    @SuppressWarnings("unused")
    private FieldMap() {
        this(MIN_GROWTH);
    }

    /** An empty map with room for {@code capacity} keys before it grows. */
    FieldMap(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("Capacity must not be negative: " + capacity);
        }
        keys = capacity == 0 ? NO_KEYS : new String[capacity];
        values = capacity == 0 ? NO_VALUES : new Object[capacity];
        allocateSlots(capacity);
    }

    /**
     * An empty map that takes its keys from {@code layout} while they are put in the layout's order
     * (a put then only stores the value), with room for {@code capacity} keys in all.
     */
    FieldMap(EcsDocument.Layout layout, int capacity) {
        this.layout = layout;
        others = layout.others;
        keys = layout.keys;
        slots = layout.slots;
        positionBits = layout.positionBits;
        values = new Object[Math.max(capacity, keys.length)];
    }

    /**
     * The keys of this map, in order, as a layout for maps that will likely get the same keys: the
     * map's own layout when it has kept to it all the way.
     */
    EcsDocument.Layout layout() {
        if (layout != null && size == layout.keys.length) {
            return layout;
        }
        String[] ordered = Arrays.copyOf(keys, size);
        int length = tableLength(size);
        int[] table = new int[length];
        int bits = Integer.numberOfTrailingZeros(length);
        index(table, bits, ordered, size);
        return new EcsDocument.Layout(ordered, table, bits);
    }

    /**
     * Moves to one of the {@link #others} layouts that starts with the keys the map holds and
     * continues with {@code key}; false when none does.
     */
    private boolean moveTo(String key) {
        for (EcsDocument.Layout other : others) {
            String[] k = other.keys;
            if (k.length > size && k[size] == key && samePrefix(k, keys, size)) {
                layout = other;
                keys = k;
                slots = other.slots;
                positionBits = other.positionBits;
                if (values.length < k.length) {
                    values = Arrays.copyOf(values, k.length);
                }
                return true;
            }
        }
        return false;
    }

    private static boolean samePrefix(String[] a, String[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Gives the map keys and an index of its own, holding its entries so far. */
    private void detach() {
        String[] own = new String[values.length];
        System.arraycopy(keys, 0, own, 0, size);
        keys = own;
        layout = null;
        others = null;
        allocateSlots(values.length);
        reindex();
    }

    /**
     * A copy of {@code source} with room for exactly its entries; list values are copied, other
     * values are immutable and shared.
     */
    FieldMap(FieldMap source) {
        int n = source.size;
        keys = n == 0 ? NO_KEYS : Arrays.copyOf(source.keys, n);
        values = n == 0 ? NO_VALUES : new Object[n];
        for (int i = 0; i < n; i++) {
            Object v = source.values[i];
            values[i] = v instanceof List<?> list ? new ArrayList<>(list) : v;
        }
        size = n;
        allocateSlots(n);
        if (slots.length == source.slots.length && source.layout == null) {
            // Same table size: positions and hash bits are the same, so the table is too.
            System.arraycopy(source.slots, 0, slots, 0, slots.length);
        } else {
            reindex();
        }
    }

    // ---- positional access, for callers that walk every field

    /**
     * The layout's key array while the map keeps to its layout (shared, never written; the map's
     * keys are its first {@link #size} entries), else null.
     */
    Object sharedKeys() {
        return layout != null ? keys : null;
    }

    /** The key at {@code index}, {@code 0 <= index < size()}, in insertion order. */
    String keyAt(int index) {
        Objects.checkIndex(index, size);
        return keys[index];
    }

    /** The value at {@code index}, {@code 0 <= index < size()}, in insertion order. */
    Object valueAt(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    /**
     * Replaces the value at {@code index}, {@code 0 <= index < size()}; the key and every position
     * stay as they are, as with {@link Map.Entry#setValue}.
     */
    void setValueAt(int index, Object value) {
        Objects.checkIndex(index, size);
        values[index] = value;
    }

    // ---- Map

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public boolean containsKey(Object key) {
        return (key == null || key instanceof String) && indexOf((String) key) >= 0;
    }

    @Override
    public Object get(Object key) {
        if (key != null && !(key instanceof String)) {
            return null;
        }
        int at = indexOf((String) key);
        return at < 0 ? null : values[at];
    }

    @Override
    public Object put(String key, Object value) {
        if (layout != null) {
            if ((size < keys.length && keys[size] == key) || moveTo(key)) {
                values[size++] = value;
                modCount++;
                return null;
            }
            detach();
        }
        int mixed = mix(key);
        int i = probe(key, mixed);
        if (slots[i] != 0) {
            int at = (slots[i] & ((1 << positionBits) - 1)) - 1;
            Object old = values[at];
            values[at] = value;
            return old;
        }
        if (size == keys.length) {
            grow();
            i = probe(key, mixed); // table rebuilt: probe again
        }
        slots[i] = (mixed << positionBits) | (size + 1);
        keys[size] = key;
        values[size++] = value;
        modCount++;
        return null;
    }

    @Override
    public Object remove(Object key) {
        if (key != null && !(key instanceof String)) {
            return null;
        }
        int at = indexOf((String) key);
        if (at < 0) {
            return null;
        }
        Object old = values[at];
        removeAt(at);
        return old;
    }

    @Override
    public void clear() {
        if (layout != null) {
            detach();
        }
        if (size > 0) {
            Arrays.fill(keys, 0, size, null);
            Arrays.fill(values, 0, size, null);
            Arrays.fill(slots, 0);
            size = 0;
            modCount++;
        }
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        int expected = modCount;
        for (int i = 0; i < size; i++) {
            action.accept(keys[i], values[i]);
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
        }
    }

    @Override
    public void replaceAll(BiFunction<? super String, ? super Object, ?> function) {
        int expected = modCount;
        for (int i = 0; i < size; i++) {
            Object replaced = function.apply(keys[i], values[i]);
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            values[i] = replaced;
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        Set<Map.Entry<String, Object>> set = entrySet;
        if (set == null) {
            set = new EntrySet();
            entrySet = set;
        }
        return set;
    }

    @Override
    public boolean equals(Object o) {
        if (o == this) {
            return true;
        }
        if (!(o instanceof Map<?, ?> other) || other.size() != size) {
            return false;
        }
        try {
            for (int i = 0; i < size; i++) {
                Object value = values[i];
                if (value == null) {
                    if (other.get(keys[i]) != null || !other.containsKey(keys[i])) {
                        return false;
                    }
                } else if (!value.equals(other.get(keys[i]))) {
                    return false;
                }
            }
        } catch (ClassCastException | NullPointerException e) {
            return false; // as AbstractMap: a map that cannot hold our keys is not equal
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 0;
        for (int i = 0; i < size; i++) {
            h += Objects.hashCode(keys[i]) ^ Objects.hashCode(values[i]);
        }
        return h;
    }

    // ---- internals

    /** The position of {@code key}, or -1. */
    private int indexOf(String key) {
        int slot = slots[probe(key, mix(key))];
        int at = (slot & ((1 << positionBits) - 1)) - 1;
        // a layout indexes keys the map may not hold yet
        return at < size ? at : -1;
    }

    /**
     * The table index of {@code key}'s slot, or of the empty slot where it would go; {@code mixed}
     * is {@link #mix}{@code (key)}.
     */
    private int probe(String key, int mixed) {
        int mask = slots.length - 1;
        int tag = mixed << positionBits;
        int positionMask = (1 << positionBits) - 1;
        for (int i = mixed >>> (32 - positionBits); ; i = (i + 1) & mask) {
            int slot = slots[i];
            if (slot == 0) {
                return i;
            }
            if ((slot & ~positionMask) == tag) {
                String candidate = keys[(slot & positionMask) - 1];
                if (candidate == key || (key != null && key.equals(candidate))) {
                    return i;
                }
            }
        }
    }

    private static int mix(String key) {
        return key == null ? 0 : key.hashCode() * SPREAD;
    }

    /** A table of at least twice {@code capacity} slots (and at least 2), all empty. */
    private void allocateSlots(int capacity) {
        int length = tableLength(capacity);
        slots = new int[length];
        positionBits = Integer.numberOfTrailingZeros(length);
    }

    private static int tableLength(int capacity) {
        return Integer.highestOneBit(Math.max(capacity, 1) * 2 - 1) << 1;
    }

    private void grow() {
        int capacity = Math.max(MIN_GROWTH, keys.length * 2);
        keys = Arrays.copyOf(keys, capacity);
        values = Arrays.copyOf(values, capacity);
        allocateSlots(capacity);
        reindex();
    }

    /** Fills an empty table from the keys at positions {@code 0..size-1}. */
    private void reindex() {
        index(slots, positionBits, keys, size);
    }

    /**
     * Fills an empty {@code table} (of {@code 1 << bits} slots) with the positions of the first
     * {@code n} keys: for the map's own table, and for a {@link EcsDocument.Layout}'s.
     */
    private static void index(int[] table, int bits, String[] keys, int n) {
        int mask = table.length - 1;
        for (int at = 0; at < n; at++) {
            int mixed = mix(keys[at]);
            int i = mixed >>> (32 - bits);
            while (table[i] != 0) {
                i = (i + 1) & mask;
            }
            table[i] = (mixed << bits) | (at + 1);
        }
    }

    /**
     * Removes the entry at {@code at}, shifting later entries down one place to keep the order; the
     * table is rebuilt, since every later position changed. Removal is rare (parsers add, the job
     * rewrites values in place), so the simple way wins.
     */
    private void removeAt(int at) {
        if (layout != null) {
            detach();
        }
        int moved = size - at - 1;
        if (moved > 0) {
            System.arraycopy(keys, at + 1, keys, at, moved);
            System.arraycopy(values, at + 1, values, at, moved);
        }
        size--;
        keys[size] = null;
        values[size] = null;
        modCount++;
        Arrays.fill(slots, 0);
        reindex();
    }

    private final class EntrySet extends AbstractSet<Map.Entry<String, Object>> {
        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
            return new EntryIterator();
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public void clear() {
            FieldMap.this.clear();
        }

        @Override
        public boolean contains(Object o) {
            if (!(o instanceof Map.Entry<?, ?> e)) {
                return false;
            }
            Object key = e.getKey();
            if (key != null && !(key instanceof String)) {
                return false;
            }
            int at = indexOf((String) key);
            return at >= 0 && Objects.equals(values[at], e.getValue());
        }

        @Override
        public boolean remove(Object o) {
            if (!contains(o)) {
                return false;
            }
            removeAt(indexOf((String) ((Map.Entry<?, ?>) o).getKey()));
            return true;
        }
    }

    private final class EntryIterator implements Iterator<Map.Entry<String, Object>> {
        private int next;
        private int last = -1;
        private int expected = modCount;

        @Override
        public boolean hasNext() {
            return next < size;
        }

        @Override
        public Map.Entry<String, Object> next() {
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            if (next >= size) {
                throw new NoSuchElementException();
            }
            last = next++;
            return new Entry(last);
        }

        @Override
        public void remove() {
            if (last < 0) {
                throw new IllegalStateException();
            }
            if (modCount != expected) {
                throw new ConcurrentModificationException();
            }
            removeAt(last);
            next = last;
            last = -1;
            expected = modCount;
        }
    }

    /**
     * A live entry, as {@code LinkedHashMap} hands out: it reads and writes the map while its key
     * is there, and keeps the last value it saw once the key is gone. (Unlike a {@code
     * LinkedHashMap} node, it attaches again if the key is put back.)
     */
    private final class Entry implements Map.Entry<String, Object> {
        private final String key;
        private int position;
        private Object detachedValue;

        Entry(int position) {
            this.key = keys[position];
            this.position = position;
            this.detachedValue = values[position];
        }

        /** The current position of the key; it moves down when an earlier entry is removed. */
        private int locate() {
            if (position >= 0 && position < size && keys[position] == key) {
                return position;
            }
            position = indexOf(key);
            return position;
        }

        @Override
        public String getKey() {
            return key;
        }

        @Override
        public Object getValue() {
            int at = locate();
            if (at >= 0) {
                detachedValue = values[at];
            }
            return detachedValue;
        }

        @Override
        public Object setValue(Object value) {
            int at = locate();
            if (at < 0) {
                Object old = detachedValue;
                detachedValue = value;
                return old;
            }
            Object old = values[at];
            values[at] = value;
            detachedValue = value;
            return old;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Map.Entry<?, ?> e
                    && Objects.equals(key, e.getKey())
                    && Objects.equals(getValue(), e.getValue());
        }

        @Override
        public int hashCode() {
            return Objects.hashCode(key) ^ Objects.hashCode(getValue());
        }

        @Override
        public String toString() {
            return key + "=" + getValue();
        }
    }
}
