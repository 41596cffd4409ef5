package dev.runtrail.model;

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
 * <p>This runs once per indexed document, and how a document nests depends only on its field names
 * in their order, not on the values: documents of one kind (a 4624 event, a task-log line) have the
 * same names every time. So the nesting is worked out once per sequence of names into a {@link
 * Shape}, a flat list of steps (open object, field, close object) with pre-quoted JSON names, and
 * later documents with the same names are written by following it. Working a shape out builds the
 * tree in reused nodes with linear child lists (an ECS object has a few dozen children at most).
 * One instance per thread.
 */
final class NestedSource {
    /** Field names beyond this many are split on every use instead of cached. */
    private static final int MAX_CACHED = 20_000;

    private static final ConcurrentHashMap<String, Name[]> PATHS = new ConcurrentHashMap<>();
    private static final ConcurrentHashMap<String, Name> NAMES = new ConcurrentHashMap<>();
    private static final ThreadLocal<NestedSource> PER_THREAD =
            ThreadLocal.withInitial(NestedSource::new);

    /**
     * One object key: its text, its JSON form (escaped once, as {@link JsonBytes} escapes values, a
     * surrogate without its other half included) and one bit of hash.
     */
    private record Name(String text, byte[] json, long bit) {
        Name(String text) {
            this(text, JsonBytes.escaped(text), 1L << (text.hashCode() & 63));
        }

        boolean sameAs(Name other) {
            return this == other || text.equals(other.text);
        }
    }

    /** One JSON object under construction; values are field indexes or child nodes. */
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

    /** Shapes kept per thread, direct-mapped by the hash of their names (a power of two). */
    private static final int SHAPE_SLOTS = 1024;

    private final Shape[] shapes = new Shape[SHAPE_SLOTS];

    /** Writes the document's fields as one nested JSON object. */
    static void write(JsonBytes out, EcsDocument doc) {
        NestedSource writer = PER_THREAD.get();
        int n = doc.fieldCount();
        int hash = n;
        for (int i = 0; i < n; i++) {
            hash = 31 * hash + doc.fieldName(i).hashCode();
        }
        int slot = (hash ^ (hash >>> 16)) & (SHAPE_SLOTS - 1);
        Shape shape = writer.shapes[slot];
        if (shape == null || !shape.fits(doc, n, hash)) {
            shape = writer.shape(doc, n, hash);
            writer.shapes[slot] = shape;
        }
        out.raw((byte) '{');
        shape.write(out, doc, writer);
        out.raw((byte) '}');
    }

    /** Works out how a document with these field names nests (values are field indexes). */
    private Shape shape(EcsDocument doc, int n, int hash) {
        Node root = node();
        try {
            String[] keys = new String[n];
            for (int i = 0; i < n; i++) {
                keys[i] = doc.fieldName(i);
                insert(root, keys[i], i);
            }
            Shape.Builder steps = new Shape.Builder();
            steps.add(root);
            return steps.build(keys, hash);
        } finally {
            release();
        }
    }

    /**
     * The nesting of one sequence of field names as steps: open an object under a name, write the
     * value of a field under a name, close the innermost object.
     */
    private static final class Shape {
        private static final byte OPEN = 0;
        private static final byte FIELD = 1;
        private static final byte CLOSE = 2;

        private final String[] keys;
        private final int hash;
        private final byte[] kinds;

        /**
         * What each step writes before its value: the comma when it is not the first member of its
         * object, the quoted name and the colon, and for an object its opening brace; for the end
         * of an object, its closing brace.
         */
        private final byte[][] prefixes;

        private final int[] fields;

        private Shape(String[] keys, int hash, byte[] kinds, byte[][] prefixes, int[] fields) {
            this.keys = keys;
            this.hash = hash;
            this.kinds = kinds;
            this.prefixes = prefixes;
            this.fields = fields;
        }

        /** Whether the document has exactly these field names in this order. */
        boolean fits(EcsDocument doc, int n, int hash) {
            if (this.hash != hash || keys.length != n) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                String key = doc.fieldName(i);
                if (keys[i] != key && !keys[i].equals(key)) {
                    return false;
                }
            }
            return true;
        }

        void write(JsonBytes out, EcsDocument doc, NestedSource writer) {
            for (int k = 0; k < kinds.length; k++) {
                out.raw(prefixes[k]);
                if (kinds[k] == FIELD) {
                    writer.writeValue(out, doc.fieldValue(fields[k]));
                }
            }
        }

        /** Flattens a tree whose leaves are field indexes into steps. */
        private static final class Builder {
            private static final byte[] CLOSE_BRACE = {'}'};

            private byte[] kinds = new byte[32];
            private byte[][] prefixes = new byte[32][];
            private int[] fields = new int[32];
            private int size;

            void add(Node node) {
                for (int i = 0; i < node.size; i++) {
                    byte[] name = node.names[i].json();
                    if (node.values[i] instanceof Node child) {
                        step(OPEN, member(i > 0, name, true), -1);
                        add(child);
                        step(CLOSE, CLOSE_BRACE, -1);
                    } else {
                        step(FIELD, member(i > 0, name, false), (Integer) node.values[i]);
                    }
                }
            }

            /** {@code ,"name":} (without the comma for a first member), then {@code {} if open. */
            private static byte[] member(boolean comma, byte[] quotedName, boolean open) {
                byte[] prefix = new byte[(comma ? 1 : 0) + quotedName.length + 3 + (open ? 1 : 0)];
                int o = 0;
                if (comma) {
                    prefix[o++] = ',';
                }
                prefix[o++] = '"';
                System.arraycopy(quotedName, 0, prefix, o, quotedName.length);
                o += quotedName.length;
                prefix[o++] = '"';
                prefix[o++] = ':';
                if (open) {
                    prefix[o] = '{';
                }
                return prefix;
            }

            private void step(byte kind, byte[] prefix, int field) {
                if (size == kinds.length) {
                    kinds = Arrays.copyOf(kinds, size * 2);
                    prefixes = Arrays.copyOf(prefixes, size * 2);
                    fields = Arrays.copyOf(fields, size * 2);
                }
                kinds[size] = kind;
                prefixes[size] = prefix;
                fields[size++] = field;
            }

            Shape build(String[] keys, int hash) {
                return new Shape(
                        keys,
                        hash,
                        Arrays.copyOf(kinds, size),
                        Arrays.copyOf(prefixes, size),
                        Arrays.copyOf(fields, size));
            }
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

    private void writeValue(JsonBytes out, Object v) {
        if (v instanceof String s) {
            out.string(s);
        } else if (v instanceof Long l) {
            out.number(l);
        } else if (v instanceof Double d) {
            out.number(d);
        } else if (v instanceof Boolean b) {
            out.bool(b);
        } else if (v instanceof Instant i) {
            int length = IsoInstantText.format(i, instantText);
            if (length < 0) {
                out.string(i.toString());
            } else {
                out.raw((byte) '"');
                out.ascii(instantText, 0, length);
                out.raw((byte) '"');
            }
        } else if (v instanceof List<?> list) {
            out.raw((byte) '[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.raw((byte) ',');
                }
                first = false;
                writeValue(out, item);
            }
            out.raw((byte) ']');
        } else if (v == null) {
            out.nullValue();
        } else {
            out.string(v.toString());
        }
    }
}
