package dev.runtrail.model;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a document's dotted fields as nested JSON objects. Keys are grouped under their first
 * occurrence ({@code host.name}, then {@code event.code}, then {@code host.ip} gives {@code
 * host:{name,ip}, event:{code}}). A key whose prefix already holds a scalar keeps the rest of its
 * path dotted at that level; a scalar whose own path is already an object is written as {@code
 * name.}; neither value is lost.
 *
 * <p>This runs once per indexed document, so it avoids maps: the tree lives in reused nodes with
 * linear child lists (an ECS object has a few dozen children at most), and the split key paths with
 * their pre-quoted JSON names are cached, since a job sees a bounded set of field names. One
 * instance per thread.
 */
final class NestedSource {
    /** Field names beyond this many are split on every use instead of cached. */
    private static final int MAX_CACHED = 20_000;

    private static final ConcurrentHashMap<String, Name[]> PATHS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Name> NAMES = new ConcurrentHashMap<>();
    private static final ThreadLocal<NestedSource> PER_THREAD =
            ThreadLocal.withInitial(NestedSource::new);

    /** One object key: its text, its JSON form (quoted and escaped once) and one bit of hash. */
    private record Name(String text, SerializableString json, long bit) {
        Name(String text) {
            this(text, new SerializedString(text), 1L << (text.hashCode() & 63));
        }

        boolean sameAs(Name other) {
            return this == other || text.equals(other.text);
        }
    }

    /** One JSON object under construction; values are field values or child nodes. */
    private static final class Node {
        Name[] names = new Name[8];
        Object[] values = new Object[8];
        int size;

        /** The hash bits of the names present: most new names are known absent without a scan. */
        long bits;

        int indexOf(Name name) {
            if ((bits & name.bit()) == 0) {
                return -1;
            }
            for (int i = 0; i < size; i++) {
                if (names[i].sameAs(name)) {
                    return i;
                }
            }
            return -1;
        }

        /** Replaces the value at {@code index} in place, as a map would, or appends when -1. */
        void set(int index, Name name, Object value) {
            if (index >= 0) {
                values[index] = value;
                return;
            }
            if (size == names.length) {
                names = Arrays.copyOf(names, size * 2);
                values = Arrays.copyOf(values, size * 2);
            }
            names[size] = name;
            values[size++] = value;
            bits |= name.bit();
        }

        void put(Name name, Object value) {
            set(indexOf(name), name, value);
        }

        void clear() {
            Arrays.fill(values, 0, size, null);
            Arrays.fill(names, 0, size, null);
            size = 0;
            bits = 0;
        }
    }

    private final List<Node> pool = new ArrayList<>();
    private final char[] instantText = new char[IsoInstantText.MAX_LENGTH];
    private int used;

    private NestedSource() {}

    /** Writes the document's fields as one nested JSON object. */
    static void write(JsonGenerator gen, EcsDocument doc) throws IOException {
        NestedSource writer = PER_THREAD.get();
        Node root = writer.node();
        try {
            int n = doc.fieldCount();
            for (int i = 0; i < n; i++) {
                writer.insert(root, doc.fieldName(i), doc.fieldValue(i));
            }
            writer.writeObject(gen, root);
        } finally {
            writer.release();
        }
    }

    private Node node() {
        if (used == pool.size()) {
            pool.add(new Node());
        }
        return pool.get(used++);
    }

    private void release() {
        for (int i = 0; i < used; i++) {
            pool.get(i).clear();
        }
        used = 0;
    }

    private void insert(Node root, String key, Object value) {
        if (key.startsWith("@")) {
            root.put(name(key), value);
            return;
        }
        Name[] path = path(key);
        Node node = root;
        int last = path.length - 1;
        for (int i = 0; i < last; i++) {
            int at = node.indexOf(path[i]);
            if (at < 0) {
                Node created = node();
                node.set(at, path[i], created);
                node = created;
            } else if (node.values[at] instanceof Node existing) {
                node = existing;
            } else {
                node.put(name(joined(path, i)), value);
                return;
            }
        }
        Name leaf = path[last];
        int at = node.indexOf(leaf);
        if (at >= 0 && node.values[at] instanceof Node) {
            node.put(name(leaf.text() + "."), value); // keeps both; very rare in practice
        } else {
            node.set(at, leaf, value);
        }
    }

    private static String joined(Name[] path, int from) {
        StringBuilder text = new StringBuilder(path[from].text());
        for (int i = from + 1; i < path.length; i++) {
            text.append('.').append(path[i].text());
        }
        return text.toString();
    }

    private static Name[] path(String key) {
        Name[] path = PATHS.get(key);
        if (path != null) {
            return path;
        }
        path = split(key);
        if (PATHS.size() < MAX_CACHED) {
            PATHS.putIfAbsent(key, path);
        }
        return path;
    }

    private static Name[] split(String key) {
        int parts = 1;
        for (int i = key.indexOf('.'); i >= 0; i = key.indexOf('.', i + 1)) {
            parts++;
        }
        Name[] path = new Name[parts];
        int start = 0;
        for (int p = 0; p < parts; p++) {
            int dot = key.indexOf('.', start);
            int end = dot < 0 ? key.length() : dot;
            path[p] = name(key.substring(start, end));
            start = end + 1;
        }
        return path;
    }

    private static Name name(String text) {
        Name name = NAMES.get(text);
        if (name != null) {
            return name;
        }
        name = new Name(text);
        if (NAMES.size() < MAX_CACHED) {
            Name raced = NAMES.putIfAbsent(text, name);
            return raced == null ? name : raced;
        }
        return name;
    }

    private void writeObject(JsonGenerator gen, Node node) throws IOException {
        gen.writeStartObject();
        for (int i = 0; i < node.size; i++) {
            gen.writeFieldName(node.names[i].json());
            Object value = node.values[i];
            if (value instanceof Node child) {
                writeObject(gen, child);
            } else {
                writeValue(gen, value);
            }
        }
        gen.writeEndObject();
    }

    private void writeValue(JsonGenerator gen, Object v) throws IOException {
        if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Long l) {
            gen.writeNumber(l);
        } else if (v instanceof Double d) {
            gen.writeNumber(d);
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Instant i) {
            int length = IsoInstantText.format(i, instantText);
            if (length < 0) {
                gen.writeString(i.toString());
            } else {
                gen.writeString(instantText, 0, length);
            }
        } else if (v instanceof List<?> list) {
            gen.writeStartArray();
            for (Object item : list) {
                writeValue(gen, item);
            }
            gen.writeEndArray();
        } else if (v == null) {
            gen.writeNull();
        } else {
            gen.writeString(v.toString());
        }
    }
}
