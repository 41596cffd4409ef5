package dev.runtrail.sinks.elasticsearch;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriterStateSerializer;

/** Writes buffered {@link BulkEntry}s into checkpoints and reads them back on restore. */
public final class BulkEntrySerializer extends AsyncSinkWriterStateSerializer<BulkEntry> {
    private static final int VERSION = 1;

    @Override
    protected void serializeRequestToStream(BulkEntry entry, DataOutputStream out)
            throws IOException {
        out.writeUTF(entry.index());
        out.writeUTF(entry.id());
        out.writeUTF(entry.kind());
        out.writeBoolean(entry.version() != null);
        if (entry.version() != null) {
            out.writeLong(entry.version());
        }
        out.writeInt(entry.attempts());
        out.writeInt(entry.source().length);
        out.write(entry.source());
    }

    @Override
    protected BulkEntry deserializeRequestFromStream(long requestSize, DataInputStream in)
            throws IOException {
        String index = in.readUTF();
        String id = in.readUTF();
        String kind = in.readUTF();
        Long version = in.readBoolean() ? in.readLong() : null;
        int attempts = in.readInt();
        byte[] source = new byte[in.readInt()];
        in.readFully(source);
        return new BulkEntry(index, id, source, version, kind, attempts);
    }

    @Override
    public int getVersion() {
        return VERSION;
    }
}
