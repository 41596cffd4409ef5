package dev.runtrail.ingest.flink;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.core.io.InputStatus;

/**
 * The reader of {@link QueuedFileSource}: reads its splits one after the other in the task's own
 * thread, a batch of records per poll, from a local queue it refills from the coordinator when the
 * queue runs low.
 *
 * <p>Why not Flink's file source reader: it hands each split to a fetcher thread and the records
 * back through a queue, and with one small file per split (Airflow writes one per task attempt)
 * that cost more than reading the files. The fetcher and the task thread took turns instead of
 * working side by side: after each file the fetcher waited until the task thread had taken all of
 * that file's records and handed it the next split; a fetcher was shut down and another started for
 * every file (6,779 in one run of 316K records); and some of them never ended, so that each reader
 * waited out the close timeout at the end of the job (FLINK-40660). Handing the fetcher several
 * splits at once can hang it (FLINK-37663, fixed in later Flink releases). Parsing a file needs the
 * CPU and nothing else (the files are local), so the task thread may as well do it; parallelism
 * gives the job its threads.
 */
final class QueuedFileReader<T> implements SourceReader<T, FileSourceSplit> {
    /** The coordinator is asked when this many splits or fewer wait in the local queue. */
    static final int LOW_WATER = 4;

    private final BulkFormat<T, FileSourceSplit> format;
    private final Configuration config;
    private final SourceReaderContext context;
    private final ArrayDeque<FileSourceSplit> local = new ArrayDeque<>();

    /** The split being read, its reader and the position after its last emitted record. */
    private FileSourceSplit current;

    private BulkFormat.Reader<T> reader;
    private CheckpointedPosition position;

    /** Whether a request to the coordinator is on its way and unanswered. */
    private boolean requested;

    /** Whether the coordinator has no more splits. */
    private boolean noMoreSplits;

    /** Splits restored from a checkpoint arrive before the start; requests wait for it. */
    private boolean started;

    /** Completed when splits or the end arrive while the reader has nothing to read. */
    private CompletableFuture<Void> available = new CompletableFuture<>();

    QueuedFileReader(BulkFormat<T, FileSourceSplit> format, SourceReaderContext context) {
        this.format = format;
        this.config = context.getConfiguration();
        this.context = context;
    }

    @Override
    public void start() {
        started = true;
        requestIfLow();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        if (reader == null && !openNext()) {
            if (noMoreSplits) {
                return InputStatus.END_OF_INPUT;
            }
            if (available.isDone()) {
                available = new CompletableFuture<>();
            }
            return InputStatus.NOTHING_AVAILABLE;
        }
        BulkFormat.RecordIterator<T> batch = reader.readBatch();
        if (batch == null) {
            finishSplit();
            return local.isEmpty() && noMoreSplits
                    ? InputStatus.END_OF_INPUT
                    : InputStatus.MORE_AVAILABLE;
        }
        try {
            for (RecordAndPosition<T> record; (record = batch.next()) != null; ) {
                output.collect(record.getRecord());
                position =
                        new CheckpointedPosition(record.getOffset(), record.getRecordSkipCount());
            }
        } finally {
            batch.releaseBatch();
        }
        return InputStatus.MORE_AVAILABLE;
    }

    /** Opens the next local split; false when there is none. */
    private boolean openNext() throws IOException {
        FileSourceSplit split = local.poll();
        requestIfLow();
        if (split == null) {
            return false;
        }
        position = split.getReaderPosition().orElse(null);
        reader =
                position == null
                        ? format.createReader(config, split)
                        : format.restoreReader(config, split);
        current = split;
        return true;
    }

    private void finishSplit() throws IOException {
        BulkFormat.Reader<T> done = reader;
        reader = null;
        current = null;
        position = null;
        done.close();
    }

    private void requestIfLow() {
        if (started && !requested && !noMoreSplits && local.size() <= LOW_WATER) {
            requested = true;
            context.sendSplitRequest();
        }
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (reader != null || !local.isEmpty() || noMoreSplits) {
            return CompletableFuture.completedFuture(null);
        }
        return available;
    }

    @Override
    public List<FileSourceSplit> snapshotState(long checkpointId) {
        List<FileSourceSplit> splits = new ArrayList<>(local.size() + 1);
        if (current != null) {
            splits.add(current.updateWithCheckpointedPosition(position));
        }
        splits.addAll(local);
        return splits;
    }

    @Override
    public void addSplits(List<FileSourceSplit> splits) {
        // An answer from the coordinator, or splits restored from a checkpoint.
        requested = false;
        local.addAll(splits);
        available.complete(null);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        requested = false;
        available.complete(null);
    }

    @Override
    public void close() throws Exception {
        if (reader != null) {
            finishSplit();
        }
    }
}
