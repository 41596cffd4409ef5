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
 * UTF-8 copied in bulk, lengths as variable-length integers.
 *
 * <p>An instance keeps a scratch buffer for reading strings, so {@link #duplicate()} hands each
 * thread its own instance.
 */
public final class EcsDocumentSerializer extends TypeSerializer<EcsDocument> {
    private static final long serialVersionUID = 2L;

    private static final Kind[] KINDS = Kind.values();
    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte INSTANT = 4;
    private static final byte LIST = 5;

    /** Scratch buffers above this size are dropped after use rather than kept per thread. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;

    private final KeyTable keys;
    private transient byte[] buffer;

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
        out.writeByte(doc.kind().ordinal());
        String id = doc.id();
        if (id == null) {
            writeVarInt(0, out);
        } else {
            writeString(id, 1, out);
        }
        int n = doc.fieldCount();
        writeVarInt(n, out);
        for (int i = 0; i < n; i++) {
            String key = doc.fieldName(i);
            int known = keys.indexOf(key);
            if (known >= 0) {
                writeVarInt(known + 1, out);
            } else {
                writeVarInt(0, out);
                writeString(key, 0, out);
            }
            writeValue(doc.fieldValue(i), out);
        }
    }

    private static void writeValue(Object value, DataOutputView out) throws IOException {
        if (value instanceof String s) {
            out.writeByte(STRING);
            writeString(s, 0, out);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (value instanceof Boolean b) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(b);
        } else if (value instanceof Instant i) {
            out.writeByte(INSTANT);
            out.writeLong(i.getEpochSecond());
            out.writeInt(i.getNano());
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            writeVarInt(list.size(), out);
            for (Object item : list) {
                writeValue(item, out);
            }
        } else {
            throw new IOException("EcsDocument field of unsupported type " + value.getClass());
        }
    }

    /** Writes {@code s} as its UTF-8 length plus {@code bias}, then the bytes. */
    private static void writeString(String s, int bias, DataOutputView out) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(bytes.length + bias, out);
        out.write(bytes);
    }

    private static void writeVarInt(int value, DataOutputView out) throws IOException {
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    @Override
    public EcsDocument deserialize(DataInputView in) throws IOException {
        Kind kind = KINDS[in.readByte()];
        int idLength = readVarInt(in);
        String id = idLength == 0 ? null : readString(idLength - 1, in);
        EcsDocument doc = new EcsDocument(kind, id);
        int n = readVarInt(in);
        Map<String, Object> fields = doc.mutableFields();
        for (int i = 0; i < n; i++) {
            int code = readVarInt(in);
            String key = code > 0 ? keys.key(code - 1) : readString(readVarInt(in), in);
            fields.put(key, readValue(in));
        }
        return doc;
    }

    private Object readValue(DataInputView in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case STRING -> readString(readVarInt(in), in);
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case LIST -> {
                int size = readVarInt(in);
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                yield list;
            }
            default -> throw new IOException("Unknown EcsDocument value tag " + tag);
        };
    }

    private String readString(int length, DataInputView in) throws IOException {
        byte[] buf = buffer;
        if (buf == null || buf.length < length) {
            buf = new byte[Math.max(length, 256)];
            if (buf.length <= KEPT_BUFFER_BYTES) {
                buffer = buf;
            }
        }
        in.readFully(buf, 0, length);
        return new String(buf, 0, length, StandardCharsets.UTF_8);
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
        serialize(deserialize(in), out);
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
        private static final int VERSION = 2;
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
