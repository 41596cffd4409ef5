package dev.runtrail.ingest.flink;

import dev.runtrail.model.Ecs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * The field names {@link EcsDocumentSerializer} writes as a number instead of their text: every
 * {@link Ecs} constant and the common Windows {@code winlog.event_data.*} names ({@code
 * event-data-names.txt}). Reading a known key then costs one array load and yields the same String
 * instance every time, with its hash code already computed.
 *
 * <p>The table is part of the serializer's snapshot, so state written with one table is read back
 * with that same table after an upgrade adds names.
 */
final class KeyTable implements Serializable {
    private static final long serialVersionUID = 2L;

    private final String[] keys;

    /**
     * Open addressing by hash code: each slot holds a key's number plus one, 0 when empty. At most
     * a quarter full, and small enough to stay in cache, unlike a HashMap's scattered nodes: the
     * serializer looks up every field of every document here.
     */
    private final int[] slots;

    KeyTable(List<String> keys) {
        this.keys = keys.toArray(new String[0]);
        this.slots = new int[Integer.highestOneBit(Math.max(1, this.keys.length) * 4 - 1) << 1];
        for (int i = 0; i < this.keys.length; i++) {
            this.keys[i] = this.keys[i].intern();
            if (indexOf(this.keys[i]) >= 0) {
                throw new IllegalArgumentException("Key table lists " + keys.get(i) + " twice.");
            }
            int at = slot(this.keys[i]);
            while (slots[at] != 0) {
                at = (at + 1) & (slots.length - 1);
            }
            slots[at] = i + 1;
        }
    }

    private int slot(String key) {
        return (key.hashCode() * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(slots.length));
    }

    private static volatile KeyTable current;

    /** The table of this version of runtrail, built once. */
    static KeyTable current() {
        KeyTable table = current;
        if (table == null) {
            table = build();
            current = table;
        }
        return table;
    }

    /** Sorted, so the numbers do not depend on reflection order. */
    private static KeyTable build() {
        TreeSet<String> keys = new TreeSet<>();
        for (Field field : Ecs.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    String key = (String) field.get(null);
                    if (!key.endsWith(".")) {
                        keys.add(key);
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(
                            "Ecs." + field.getName() + " is not readable", e);
                }
            }
        }
        for (String name : eventDataNames()) {
            keys.add(Ecs.WINLOG_EVENT_DATA + name);
        }
        return new KeyTable(List.copyOf(keys));
    }

    private static List<String> eventDataNames() {
        try (InputStream in = KeyTable.class.getResourceAsStream("event-data-names.txt")) {
            if (in == null) {
                throw new IllegalStateException("event-data-names.txt is missing from the jar.");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                    .lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read event-data-names.txt", e);
        }
    }

    /** The number of {@code key}, or -1 when the table does not hold it. */
    int indexOf(String key) {
        int mask = slots.length - 1;
        for (int at = slot(key); slots[at] != 0; at = (at + 1) & mask) {
            String candidate = keys[slots[at] - 1];
            // Keys are mostly the interned constants themselves, so identity usually decides.
            if (candidate == key || candidate.equals(key)) {
                return slots[at] - 1;
            }
        }
        return -1;
    }

    String key(int i) {
        return keys[i];
    }

    int size() {
        return keys.length;
    }

    List<String> keys() {
        return List.of(keys);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyTable other && Arrays.equals(keys, other.keys);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(keys);
    }
}
