package dev.runtrail.sinks.ndjson;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Serializes {@link NdjsonWriterState} into checkpoints. */
public final class NdjsonWriterStateSerializer
        implements SimpleVersionedSerializer<NdjsonWriterState> {

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(NdjsonWriterState state) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(state.marks().size());
            for (FileMark mark : state.marks()) {
                out.writeUTF(mark.path());
                out.writeLong(mark.length());
            }
        }
        return bytes.toByteArray();
    }

    @Override
    public NdjsonWriterState deserialize(int version, byte[] serialized) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown NDJSON writer state version " + version + ".");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
            int n = in.readInt();
            List<FileMark> marks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                marks.add(new FileMark(in.readUTF(), in.readLong()));
            }
            return new NdjsonWriterState(marks);
        }
    }
}
