package dev.runtrail.ingest.flink;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link EcsDocument}: kind, id and each field as a tagged value. Every
 * document crosses it at each shuffle (and in batch mode at each sort), so it is built for speed:
 * known field names are written as a number from a {@link KeyTable}, strings as length-prefixed
 * UTF-8, lengths as variable-length integers. A record is encoded in a scratch array and handed to
 * Flink in one write behind its length, and read back with one read: the views' per-byte calls and
 * a byte array per string were a third of the CPU of a correlation job.
 *
 * <p>An instance keeps scratch buffers, so {@link #duplicate()} hands each thread its own instance.
 */
public final class EcsDocumentSerializer extends TypeSerializer<EcsDocument> {
    private static final long serialVersionUID = 3L;

    private static final Kind[] KINDS = Kind.values();
    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte INSTANT = 4;
    private static final byte LIST = 5;

    /** Scratch buffers above this size are dropped after use rather than kept per thread. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    /** Fields a deserialized document has room for beyond its own. */
    private static final int SPARE_FIELDS = 8;

    private final KeyTable keys;

    /** The record being written, then read: {@code pos} is the next byte of either. */
    private transient byte[] buf;

    private transient int pos;

    /** A serializer with this version's key table, for one thread. */
    public EcsDocumentSerializer() {
        this(KeyTable.current());
    }

    EcsDocumentSerializer(KeyTable keys) {
        this.keys = keys;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<EcsDocument> duplicate() {
        return new EcsDocumentSerializer(keys);
    }

    @Override
    public EcsDocument createInstance() {
        return EcsDocument.event(null);
    }

    @Override
    public EcsDocument copy(EcsDocument from) {
        return from.copy();
    }

    @Override
    public EcsDocument copy(EcsDocument from, EcsDocument reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EcsDocument doc, DataOutputView out) throws IOException {
        scratch(256);
        pos = 0;
        ensure(1);
        buf[pos++] = (byte) doc.kind().ordinal();
        String id = doc.id();
        if (id == null) {
            putVarInt(0);
        } else {
            putString(id, 1);
        }
        int n = doc.fieldCount();
        putVarInt(n);
        for (int i = 0; i < n; i++) {
            String key = doc.fieldName(i);
            int known = keys.indexOf(key);
            if (known >= 0) {
                putVarInt(known + 1);
            } else {
                putVarInt(0);
                putString(key, 0);
            }
            putValue(doc.fieldValue(i));
        }
        writeVarInt(pos, out);
        out.write(buf, 0, pos);
        release();
    }

    private void putValue(Object value) throws IOException {
        // Strings first: most values are, and a class test is cheaper than an interface test.
        if (value instanceof String s) {
            ensure(1);
            buf[pos++] = STRING;
            putString(s, 0);
        } else if (value instanceof Long l) {
            ensure(9);
            buf[pos++] = LONG;
            putLong(l);
        } else if (value instanceof Instant i) {
            ensure(13);
            buf[pos++] = INSTANT;
            putLong(i.getEpochSecond());
            putInt(i.getNano());
        } else if (value instanceof Double d) {
            ensure(9);
            buf[pos++] = DOUBLE;
            putLong(Double.doubleToLongBits(d));
        } else if (value instanceof Boolean b) {
            ensure(2);
            buf[pos++] = BOOLEAN;
            buf[pos++] = (byte) (b ? 1 : 0);
        } else if (value instanceof List<?> list) {
            ensure(1);
            buf[pos++] = LIST;
            putVarInt(list.size());
            for (int i = 0, n = list.size(); i < n; i++) {
                putValue(list.get(i));
            }
        } else {
            throw new IOException("EcsDocument field of unsupported type " + value.getClass());
        }
    }

    /** Writes {@code s} as its UTF-8 length plus {@code bias}, then the bytes. */
    private void putString(String s, int bias) {
        // The JDK's encoder checks and copies Latin-1 text in bulk; a loop over the characters was
        // slower than its one allocation.
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putVarInt(utf8.length + bias);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
    }

    /** Up to five bytes; callers have made room. */
    private void putVarInt(int value) {
        ensure(5);
        while ((value & ~0x7F) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    /** Big-endian, as {@link DataOutputView#writeInt} wrote it. */
    private void putInt(int v) {
        buf[pos] = (byte) (v >>> 24);
        buf[pos + 1] = (byte) (v >>> 16);
        buf[pos + 2] = (byte) (v >>> 8);
        buf[pos + 3] = (byte) v;
        pos += 4;
    }

    private static void writeVarInt(int value, DataOutputView out) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    /** Room for {@code more} bytes after {@code pos}. */
    private void ensure(int more) {
        if (pos + more > buf.length) {
            byte[] grown = new byte[Math.max(pos + more, buf.length * 2)];
            System.arraycopy(buf, 0, grown, 0, pos);
            buf = grown;
        }
    }

    /** A scratch array of at least {@code size} bytes. */
    private void scratch(int size) {
        if (buf == null || buf.length < size) {
            buf = new byte[Math.max(size, 256)];
        }
    }

    /** Drops a scratch array grown for an unusually large record. */
    private void release() {
        if (buf.length > KEPT_BUFFER_BYTES) {
            buf = null;
        }
    }

    @Override
    public EcsDocument deserialize(DataInputView in) throws IOException {
        int length = readVarInt(in);
        scratch(length);
        in.readFully(buf, 0, length);
        pos = 0;
        try {
            Kind kind = KINDS[buf[pos++]];
            int idLength = getVarInt();
            String id = idLength == 0 ? null : getString(idLength - 1);
            int n = getVarInt();
            if (n < 0 || n > length) {
                throw malformed(length, "claims " + n + " fields");
            }
            // Room for the fields and a few more: correlation adds its keys to the events.
            EcsDocument doc = EcsDocument.withCapacity(kind, id, n + SPARE_FIELDS);
            Map<String, Object> fields = doc.mutableFields();
            for (int i = 0; i < n; i++) {
                int code = getVarInt();
                String key = code > 0 ? keys.key(code - 1) : getString(getVarInt());
                fields.put(key, getValue());
            }
            if (pos != length) {
                throw malformed(
                        length, pos > length ? "is cut short" : "has bytes after its fields");
            }
            return doc;
        } catch (IndexOutOfBoundsException e) {
            // Lengths read from a damaged record point past the scratch array.
            throw malformed(length, "is cut short");
        } finally {
            release();
        }
    }

    private static IOException malformed(int length, String problem) {
        return new IOException(
                "Expected an EcsDocument record of "
                        + length
                        + " bytes as its length prefix says; the record "
                        + problem
                        + ".");
    }

    private Object getValue() throws IOException {
        byte tag = buf[pos++];
        return switch (tag) {
            case STRING -> getString(getVarInt());
            case LONG -> getLong();
            case DOUBLE -> Double.longBitsToDouble(getLong());
            case BOOLEAN -> buf[pos++] != 0;
            case INSTANT -> {
                long seconds = getLong();
                yield Instant.ofEpochSecond(seconds, getInt());
            }
            case LIST -> {
                int size = getVarInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(getValue());
                }
                yield list;
            }
            default -> throw new IOException("Unknown EcsDocument value tag " + tag);
        };
    }

    private String getString(int length) {
        String s = new String(buf, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    private long getLong() {
        long high = getInt();
        return (high << 32) | (getInt() & 0xffffffffL);
    }

    private int getInt() {
        int v =
                (buf[pos] & 0xff) << 24
                        | (buf[pos + 1] & 0xff) << 16
                        | (buf[pos + 2] & 0xff) << 8
                        | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    private int getVarInt() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = buf[pos++] & 0xff;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("Malformed variable-length integer in an EcsDocument record.");
    }

    private static int readVarInt(DataInputView in) throws IOException {
        int value = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            int b = in.readUnsignedByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("Malformed variable-length integer in an EcsDocument record.");
    }

    @Override
    public EcsDocument deserialize(EcsDocument reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        // A record is its length and that many bytes: copy them as they are.
        int length = readVarInt(in);
        scratch(length);
        in.readFully(buf, 0, length);
        writeVarInt(length, out);
        out.write(buf, 0, length);
        release();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof EcsDocumentSerializer other && keys.equals(other.keys);
    }

    @Override
    public int hashCode() {
        return keys.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<EcsDocument> snapshotConfiguration() {
        return new Snapshot(keys);
    }

    /**
     * Snapshot for savepoint compatibility: it stores the key table, so a savepoint taken before an
     * upgrade added names is read with the table it was written with, then migrated.
     */
    public static final class Snapshot implements TypeSerializerSnapshot<EcsDocument> {
        private static final int VERSION = 3;
        private KeyTable keys;

        /** For Flink, which reads the table with {@link #readSnapshot}. */
        public Snapshot() {}

        Snapshot(KeyTable keys) {
            this.keys = keys;
        }

        @Override
        public int getCurrentVersion() {
            return VERSION;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                out.writeUTF(keys.key(i));
            }
        }

        @Override
        public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader)
                throws IOException {
            if (readVersion != VERSION) {
                throw new IOException(
                        "This savepoint holds documents in serializer format "
                                + readVersion
                                + "; this runtrail reads format "
                                + VERSION
                                + " only. Re-run the job from its inputs instead of restoring.");
            }
            int n = in.readInt();
            List<String> names = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                names.add(in.readUTF());
            }
            keys = new KeyTable(names);
        }

        @Override
        public TypeSerializer<EcsDocument> restoreSerializer() {
            return new EcsDocumentSerializer(keys);
        }

        @Override
        public TypeSerializerSchemaCompatibility<EcsDocument> resolveSchemaCompatibility(
                TypeSerializerSnapshot<EcsDocument> oldSnapshot) {
            if (!(oldSnapshot instanceof Snapshot old)) {
                return TypeSerializerSchemaCompatibility.incompatible();
            }
            return old.keys.equals(keys)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
        }
    }
}
