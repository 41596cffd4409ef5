package dev.runtrail.sinks.ndjson;

import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Writes documents as Elasticsearch-style hit lines to local files, one file per kind ({@code --out
 * DIR}): {@code DIR/<kind>.ndjson} with parallelism 1, part files under {@code DIR/<kind>/}
 * otherwise (see {@link NdjsonLayout}).
 *
 * <p>A new run starts the files empty. With checkpointing, a restore cuts each file back to its
 * length at the checkpoint, so the output equals an uninterrupted run. When the parallelism changes
 * on restore, a writer may append to a file another writer cut back; the replayed lines then appear
 * twice, which readers tolerate because a later line with the same {@code _id} supersedes an
 * earlier one.
 */
public final class NdjsonSink
        implements Sink<EcsDocument>, SupportsWriterState<EcsDocument, NdjsonWriterState> {
    private static final long serialVersionUID = 1L;

    private final String dir;
    private final boolean dropStaleRevisions;

    /** A sink for a bounded (batch) run: see {@link #NdjsonSink(Path, boolean)}. */
    public NdjsonSink(Path dir) {
        this(dir, true);
    }

    /**
     * @param dropStaleRevisions whether to remember each record's last written revision and drop an
     *     older one arriving after it. A batch run needs it: it orders a key's records by time, not
     *     by revision. A streaming job does not: each record's revisions come in order from one
     *     keyed subtask over a forward edge, and remembering every id would grow with every record
     *     a long-running stream sees.
     */
    public NdjsonSink(Path dir, boolean dropStaleRevisions) {
        this.dir = dir.toAbsolutePath().toString();
        this.dropStaleRevisions = dropStaleRevisions;
    }

    @Override
    public StatefulSinkWriter<EcsDocument, NdjsonWriterState> createWriter(
            WriterInitContext context) throws IOException {
        NdjsonLayout layout = layout(context);
        int subtask = context.getTaskInfo().getIndexOfThisSubtask();
        if (subtask == 0) {
            layout.removeStaleFiles();
        }
        return new NdjsonWriter(ownFiles(layout, subtask), true, dropStaleRevisions);
    }

    @Override
    public StatefulSinkWriter<EcsDocument, NdjsonWriterState> restoreWriter(
            WriterInitContext context, Collection<NdjsonWriterState> states) throws IOException {
        List<FileMark> marks = new ArrayList<>();
        states.forEach(state -> marks.addAll(state.marks()));
        NdjsonWriter.truncate(marks);
        NdjsonLayout layout = layout(context);
        return new NdjsonWriter(
                ownFiles(layout, context.getTaskInfo().getIndexOfThisSubtask()),
                false,
                dropStaleRevisions);
    }

    private NdjsonLayout layout(WriterInitContext context) {
        return new NdjsonLayout(Path.of(dir), context.getTaskInfo().getNumberOfParallelSubtasks());
    }

    private static Map<Kind, Path> ownFiles(NdjsonLayout layout, int subtask) {
        Map<Kind, Path> own = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            own.put(kind, layout.file(kind, subtask));
        }
        return own;
    }

    @Override
    public SimpleVersionedSerializer<NdjsonWriterState> getWriterStateSerializer() {
        return new NdjsonWriterStateSerializer();
    }
}
