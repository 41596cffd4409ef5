package dev.runtrail.sinks.ndjson;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Kind;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;

/**
 * Appends hit lines ({@code {"_id":..,"_source":{..}}}) to one file per kind. At a checkpoint the
 * files are flushed and synced and their lengths recorded; a restore cuts them back to those
 * lengths before the replay writes again.
 */
final class NdjsonWriter implements StatefulSinkWriter<EcsDocument, NdjsonWriterState> {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Map<Kind, OpenFile> files = new EnumMap<>(Kind.class);

    private record OpenFile(Path path, FileChannel channel, OutputStream out) {}

    /**
     * Opens this writer's files.
     *
     * @param own the file per kind this writer appends to
     * @param fresh true for a new run (files start empty), false after a restore (files were cut
     *     back to their checkpointed length and are appended to)
     * @param dropStaleRevisions whether an older revision of a record arriving after a newer one is
     *     dropped (see {@link NdjsonSink#NdjsonSink(Path, boolean)})
     */
    NdjsonWriter(Map<Kind, Path> own, boolean fresh, boolean dropStaleRevisions)
            throws IOException {
        this.dropStaleRevisions = dropStaleRevisions;
        for (Map.Entry<Kind, Path> e : own.entrySet()) {
            Path path = e.getValue();
            Files.createDirectories(path.getParent());
            FileChannel channel =
                    FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (fresh) {
                channel.truncate(0);
            }
            channel.position(channel.size());
            OutputStream out =
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
            files.put(e.getKey(), new OpenFile(path, channel, out));
        }
    }

    /** Cuts each file back to its checkpointed length; files that are shorter stay as they are. */
    static void truncate(List<FileMark> marks) throws IOException {
        for (FileMark mark : marks) {
            Path path = Path.of(mark.path());
            if (Files.exists(path) && Files.size(path) > mark.length()) {
                try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
                    channel.truncate(mark.length());
                }
            }
        }
    }

    private final boolean dropStaleRevisions;
    private final java.util.Map<String, Long> lastRevision = new java.util.HashMap<>();

    @Override
    public void write(EcsDocument doc, Context context) throws IOException {
        if (isStaleRevision(doc)) {
            return;
        }
        EcsJson.writeHitLine(files.get(doc.kind()).out(), doc);
    }

    /**
     * Whether an older revision of a correlated record arrives after a newer one was written (batch
     * execution orders a key's records by time, not by revision). It is dropped, as Elasticsearch's
     * external versioning drops it, so the last line of an id is its newest revision. Only
     * revisioned records (runs, attempts, sessions) are tracked, and the sink's input is keyed by
     * id, so each id is seen by one writer.
     */
    private boolean isStaleRevision(EcsDocument doc) {
        if (!dropStaleRevisions) {
            return false;
        }
        Long revision = doc.getLong(Ecs.RUNTRAIL_REVISION);
        if (revision == null || doc.id() == null) {
            return false;
        }
        Long written = lastRevision.get(doc.id());
        if (written != null && written >= revision) {
            return true;
        }
        lastRevision.put(doc.id(), revision);
        return false;
    }

    @Override
    public void flush(boolean endOfInput) throws IOException {
        for (OpenFile file : files.values()) {
            file.out().flush();
        }
    }

    @Override
    public List<NdjsonWriterState> snapshotState(long checkpointId) throws IOException {
        List<FileMark> marks = new ArrayList<>(files.size());
        for (OpenFile file : files.values()) {
            file.out().flush();
            file.channel().force(false);
            marks.add(new FileMark(file.path().toString(), file.channel().position()));
        }
        return List.of(new NdjsonWriterState(marks));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (OpenFile file : files.values()) {
            try {
                file.out().close(); // flushes and closes the stream and channel
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
