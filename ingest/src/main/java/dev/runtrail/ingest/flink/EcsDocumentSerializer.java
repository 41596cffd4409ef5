package dev.runtrail.ingest.flink;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Flink serializer for {@link EcsDocument}: kind, id and each field as a tagged value. Much faster
 * and smaller than Kryo for these maps, and stable for savepoints (versioned snapshot).
 */
public final class EcsDocumentSerializer extends TypeSerializer<EcsDocument> {
    private static final long serialVersionUID = 1L;

    public static final EcsDocumentSerializer INSTANCE = new EcsDocumentSerializer();

    private static final Kind[] KINDS = Kind.values();
    private static final byte STRING = 0;
    private static final byte LONG = 1;
    private static final byte DOUBLE = 2;
    private static final byte BOOLEAN = 3;
    private static final byte INSTANT = 4;
    private static final byte LIST = 5;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<EcsDocument> duplicate() {
        return this;
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
        out.writeBoolean(doc.id() != null);
        if (doc.id() != null) {
            StringValue.writeString(doc.id(), out);
        }
        Map<String, Object> fields = doc.fields();
        out.writeInt(fields.size());
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            StringValue.writeString(e.getKey(), out);
            writeValue(e.getValue(), out);
        }
    }

    private static void writeValue(Object value, DataOutputView out) throws IOException {
        if (value instanceof String s) {
            out.writeByte(STRING);
            StringValue.writeString(s, out);
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
            out.writeInt(list.size());
            for (Object item : list) {
                writeValue(item, out);
            }
        } else {
            throw new IOException("EcsDocument field of unsupported type " + value.getClass());
        }
    }

    @Override
    public EcsDocument deserialize(DataInputView in) throws IOException {
        Kind kind = KINDS[in.readByte()];
        String id = in.readBoolean() ? StringValue.readString(in) : null;
        EcsDocument doc = new EcsDocument(kind, id);
        int n = in.readInt();
        Map<String, Object> fields = doc.mutableFields();
        for (int i = 0; i < n; i++) {
            String key = StringValue.readString(in);
            fields.put(key, readValue(in));
        }
        return doc;
    }

    private static Object readValue(DataInputView in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case STRING -> StringValue.readString(in);
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case BOOLEAN -> in.readBoolean();
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case LIST -> {
                int size = in.readInt();
                List<Object> list = new ArrayList<>(size);
                for (int i = 0; i < size; i++) {
                    list.add(readValue(in));
                }
                yield list;
            }
            default -> throw new IOException("Unknown EcsDocument value tag " + tag);
        };
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
        return obj instanceof EcsDocumentSerializer;
    }

    @Override
    public int hashCode() {
        return EcsDocumentSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<EcsDocument> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot for savepoint compatibility. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EcsDocument> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
