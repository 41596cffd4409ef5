package dev.runtrail.model;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One document in ECS shape: a kind, a deterministic id and fields under dotted ECS keys (see
 * {@link Ecs}). Values are {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@link
 * Instant} or a {@link List} of those. Parsers produce {@link Kind#EVENTS} documents; correlation
 * produces runs, attempts and sessions.
 *
 * <p>Not thread-safe; a document belongs to one operator at a time.
 */
public final class EcsDocument implements Parsed {
    private final Kind kind;
    private String id;
    private final FieldMap fields;

    /** See {@link #markSourceTextRedacted()}; not part of the document's content. */
    private boolean sourceTextRedacted;

    /**
     * By field index, the value put there with {@link #putRedacted} while the document was marked;
     * null until the first. Not part of the document's content.
     */
    private String[] redactedValues;

    /**
     * Room for every event the parsers make without growing: Airflow lines have 20-30 fields,
     * Windows Security events 40-62 (a 4624 logon 59). Starting at 32 would save about 500 bytes on
     * small events and cost about 550 on large ones, which grow once to 64.
     */
    private static final int INITIAL_CAPACITY = 64;

    public EcsDocument(Kind kind, String id) {
        this(kind, id, new FieldMap(INITIAL_CAPACITY));
    }

    private EcsDocument(Kind kind, String id, FieldMap fields) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.id = id;
        this.fields = fields;
    }

    /**
     * The field names of a document in order, with their index, for documents that will likely get
     * the same fields in the same order (events of one kind from one parser): such a document
     * shares the names and index instead of building its own, until a field departs from the order,
     * when it copies what it has so far. Immutable; see {@link #layout()}.
     */
    public static final class Layout {
        /** How many earlier layouts {@link #after} keeps to try. */
        private static final int MAX_OTHERS = 3;

        private static final Layout[] NONE = {};

        final String[] keys;
        final int[] slots;
        final int positionBits;

        /**
         * Layouts that documents of the same kind had lately, tried in order when a document
         * departs from this one: events of one id differ in the optional fields they have.
         */
        final Layout[] others;

        Layout(String[] keys, int[] slots, int positionBits) {
            this(keys, slots, positionBits, NONE);
        }

        private Layout(String[] keys, int[] slots, int positionBits, Layout[] others) {
            this.keys = keys;
            this.slots = slots;
            this.positionBits = positionBits;
            this.others = others;
        }

        /**
         * This layout, with {@code previous} and the layouts it kept as the others to try (at most
         * three, the most recent first), for a reader whose documents of one kind moved from {@code
         * previous} to this one. The names and index are shared, not copied.
         */
        public Layout after(Layout previous) {
            java.util.List<Layout> kept = new ArrayList<>(MAX_OTHERS);
            keep(kept, previous);
            for (Layout other : previous.others) {
                keep(kept, other);
            }
            return new Layout(keys, slots, positionBits, kept.toArray(NONE));
        }

        private void keep(java.util.List<Layout> kept, Layout candidate) {
            if (kept.size() == MAX_OTHERS || candidate.keys == keys) {
                return;
            }
            for (Layout k : kept) {
                if (k.keys == candidate.keys) {
                    return;
                }
            }
            // (without its own others, so that old layouts are not kept alive in a chain)
            kept.add(
                    candidate.others.length == 0
                            ? candidate
                            : new Layout(
                                    candidate.keys, candidate.slots, candidate.positionBits, NONE));
        }
    }

    /** A new event document; the id may be set later with {@link #id(String)}. */
    public static EcsDocument event(String id) {
        return new EcsDocument(Kind.EVENTS, id);
    }

    /**
     * A new event document with room for {@code capacity} fields, for parsers that know roughly how
     * many an event gets (so a large one does not grow, and a small one is not oversized).
     */
    public static EcsDocument event(String id, int capacity) {
        return withCapacity(Kind.EVENTS, id, capacity);
    }

    /**
     * Like {@link #event(String, int)}, expecting the fields of {@code layout} in its order (null
     * for no expectation). Any other fields are welcome; they only cost what they would anyway.
     */
    public static EcsDocument event(String id, int capacity, Layout layout) {
        return new EcsDocument(
                Kind.EVENTS,
                id,
                layout == null ? new FieldMap(capacity) : new FieldMap(layout, capacity));
    }

    /**
     * The field names of this document as they stand, as a {@link Layout} for the next documents of
     * its kind; the layout it was made with when it kept to that exactly.
     */
    public Layout layout() {
        return fields.layout();
    }

    public Kind kind() {
        return kind;
    }

    public String id() {
        return id;
    }

    public EcsDocument id(String newId) {
        this.id = newId;
        return this;
    }

    /**
     * Sets a field. Null values and empty strings are ignored, so callers can copy optional values
     * without checks. Integers are widened to Long.
     */
    public EcsDocument put(String key, Object value) {
        Object normalized = normalize(key, value);
        if (normalized != null) {
            fields.put(key, normalized);
        }
        return this;
    }

    /**
     * Sets a string field, as {@link #put(String, Object)} does (null and empty ignored), without
     * the look at the value's type: parsers set dozens of string fields per event.
     */
    public EcsDocument put(String key, String value) {
        if (value != null && !value.isEmpty()) {
            fields.put(key, value);
        }
        return this;
    }

    /** Adds a value to a list field, creating it; duplicates are kept out. */
    public EcsDocument add(String key, Object value) {
        Object normalized = normalize(key, value);
        if (normalized == null) {
            return this;
        }
        Object current = fields.get(key);
        List<Object> list;
        if (current instanceof List<?>) {
            @SuppressWarnings("unchecked")
            List<Object> existing = (List<Object>) current;
            list = existing;
        } else {
            list = new ArrayList<>(2);
            if (current != null) {
                list.add(current);
            }
            fields.put(key, list);
        }
        if (!list.contains(normalized)) {
            list.add(normalized);
        }
        return this;
    }

    public EcsDocument remove(String key) {
        fields.remove(key);
        return this;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }

    /** The field as a string, or null; list fields give their first element. */
    public String getString(String key) {
        Object value = fields.get(key);
        if (value instanceof List<?> list) {
            value = list.isEmpty() ? null : list.get(0);
        }
        return value == null ? null : value.toString();
    }

    /**
     * The field as a long, parsing strings (decimal, or hex with 0x); null when absent or not a
     * number.
     */
    public Long getLong(String key) {
        Object value = fields.get(key);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                if (s.startsWith("0x") || s.startsWith("0X")) {
                    return Long.parseUnsignedLong(s.substring(2), 16);
                }
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The field as an instant, parsing ISO-8601 strings; null when absent or unparseable. */
    public Instant getInstant(String key) {
        Object value = fields.get(key);
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof String s) {
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        return null;
    }

    /** The {@code @timestamp} of this document, or null. */
    public Instant timestamp() {
        return getInstant(Ecs.TIMESTAMP);
    }

    /** The fields as an unmodifiable view, in insertion order. */
    public Map<String, Object> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** Live view of the fields for in-place rewriting (redaction); keep value types as above. */
    public Map<String, Object> mutableFields() {
        return fields;
    }

    /**
     * The number of fields. With {@link #fieldName} and {@link #fieldValue} this walks the fields
     * in insertion order without an iterator or entry objects, for code that visits every field of
     * every document (serializers, JSON writing).
     */
    public int fieldCount() {
        return fields.size();
    }

    /**
     * A token for the field names of this document while they are a prefix of a shared {@link
     * Layout}'s, which never change: two documents with the same token have the same name instances
     * at every index below both their {@link #fieldCount}s. Null when the document has names of its
     * own. For code that works out something per name once per layout (redaction).
     */
    public Object sharedNames() {
        return fields.sharedKeys();
    }

    /** The name of the field at {@code index}, {@code 0 <= index < fieldCount()}. */
    public String fieldName(int index) {
        return fields.keyAt(index);
    }

    /** The value of the field at {@code index}, {@code 0 <= index < fieldCount()}. */
    public Object fieldValue(int index) {
        return fields.valueAt(index);
    }

    /**
     * Replaces the value of the field at {@code index} in place, for code that rewrites values as
     * it walks the fields (redaction); the field keeps its name and position. The value must be of
     * a type {@link #put} stores, and is stored as given.
     */
    public void replaceFieldValue(int index, Object value) {
        fields.setValueAt(index, value);
    }

    /**
     * An empty document with room for exactly {@code capacity} fields, for readers that know the
     * count beforehand (a deserializer): no growing, and no room left unused.
     */
    public static EcsDocument withCapacity(Kind kind, String id, int capacity) {
        return new EcsDocument(kind, id, new FieldMap(capacity));
    }

    /**
     * Records that the parser already redacted the fields holding the record's own text, {@code
     * event.original} and {@code winlog.event_data.*}, one value at a time as it read them (for
     * EVTX, whose XML it renders from those values), so that the final redaction pass need not scan
     * them again, nor the copies of values put with {@link #putRedacted} after the mark. Fields
     * derived from the values are still scanned by that pass. A copy does not carry the mark, and a
     * document that never had it is scanned in full.
     */
    public EcsDocument markSourceTextRedacted() {
        sourceTextRedacted = true;
        return this;
    }

    /** Whether {@link #markSourceTextRedacted()} was called on this document. */
    public boolean sourceTextRedacted() {
        return sourceTextRedacted;
    }

    /**
     * Sets a string field, as {@link #put(String, String)} does, to a value the parser took as it
     * is from a record whose values it redacted one by one (a copy of one of them, such as {@code
     * user.name} of {@code TargetUserName}). On a document {@link #markSourceTextRedacted marked}
     * before this put, the final redaction pass leaves the field alone while it holds this very
     * instance; a value derived from the record's (a substring, a normalized form) must be put with
     * {@link #put(String, String)}, since a rule can match a part that the whole did not. On any
     * other document this is a plain put.
     */
    public EcsDocument putRedacted(String key, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        int before = fields.size();
        fields.put(key, value);
        if (sourceTextRedacted && fields.size() == before + 1) {
            if (redactedValues == null || redactedValues.length <= before) {
                redactedValues =
                        Arrays.copyOf(
                                redactedValues == null ? new String[0] : redactedValues,
                                Math.max(INITIAL_CAPACITY, 2 * before));
            }
            redactedValues[before] = value;
        }
        return this;
    }

    /**
     * Whether {@code value}, the value of the field at {@code index}, is the instance a parser put
     * there with {@link #putRedacted} on a marked document.
     */
    public boolean isRedactedValue(int index, Object value) {
        String[] marks = redactedValues;
        return marks != null && index < marks.length && marks[index] == value;
    }

    /** A deep copy, sized to its fields: lists are copied, scalar values are immutable. */
    public EcsDocument copy() {
        return new EcsDocument(kind, id, new FieldMap(fields));
    }

    /** A copy of this document's fields under another kind and id. */
    public EcsDocument copyAs(Kind newKind, String newId) {
        EcsDocument copy = copy();
        return new EcsDocument(newKind, newId, copy.fields);
    }

    private static Object normalize(String key, Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String s) {
            return s.isEmpty() ? null : s;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Long
                || value instanceof Double
                || value instanceof Boolean
                || value instanceof Instant) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object item : list) {
                Object n = normalize(key, item);
                if (n != null && !(n instanceof List<?>)) {
                    out.add(n);
                }
            }
            return out.isEmpty() ? null : out;
        }
        throw new IllegalArgumentException(
                "Field "
                        + key
                        + " cannot hold a "
                        + value.getClass().getName()
                        + "; use String, Long, Double, Boolean, Instant or a List of those.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EcsDocument other
                && kind == other.kind
                && Objects.equals(id, other.id)
                && fields.equals(other.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, id, fields);
    }

    @Override
    public String toString() {
        return kind.id() + "/" + id + " " + fields;
    }
}
