package dev.runtrail.ingest.flink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.watermark.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.util.UserCodeClassLoader;

/**
 * The reader of {@link QueuedFileSource}: Flink's file source reader behind a local queue of
 * splits. The wrapped reader still gets one split at a time, when it asks after finishing the last
 * one, but from the local queue instead of a round trip to the coordinator; the coordinator is
 * asked only when the local queue runs low. With one small file per split, a round trip per file
 * cost more than reading it.
 *
 * <p>Why not hand the wrapped reader the whole batch: its fetcher thread may then be blocked on a
 * full hand-over queue when more splits arrive, and waking it for them can lose its wake-up
 * (FLINK-37663, not fixed in a Flink release yet): the job hung. Handed one split at a time, as
 * Flink's own enumerator does, a split arrives only when the fetcher has none left to read.
 */
final class QueuedFileReader<T> implements SourceReader<T, FileSourceSplit> {
    /** The coordinator is asked when this many splits or fewer wait in the local queue. */
    static final int LOW_WATER = 4;

    private final SourceReaderBase<?, T, FileSourceSplit, ?> reader;
    private final SourceReaderContext context;
    private final ArrayDeque<FileSourceSplit> local = new ArrayDeque<>();

    /** Whether a request to the coordinator is on its way and unanswered. */
    private boolean requested;

    /** Whether the coordinator has no more splits. */
    private boolean noMoreSplits;

    /** Whether the wrapped reader asked for a split and has not had one (or the end) yet. */
    private boolean readerWaiting;

    private boolean readerToldNoMore;

    /** Splits restored from a checkpoint arrive before the start; requests wait for it. */
    private boolean started;

    @SuppressWarnings("unchecked")
    QueuedFileReader(FileSource<T> files, SourceReaderContext context) throws Exception {
        this.context = context;
        this.reader =
                (SourceReaderBase<?, T, FileSourceSplit, ?>)
                        files.createReader(new GatedContext(context));
    }

    @Override
    public void start() {
        started = true;
        reader.start();
        feed();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        InputStatus status = reader.pollNext(output);
        // The wrapped reader asks from inside its poll (when a split is done); it is answered
        // here, after the poll returned, never from within it.
        if (feed()) {
            return InputStatus.MORE_AVAILABLE;
        }
        return status;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        if (readerWaiting && (!local.isEmpty() || noMoreSplits)) {
            // an answer is ready for the wrapped reader: poll again to give it
            return CompletableFuture.completedFuture(null);
        }
        return reader.isAvailable();
    }

    @Override
    public List<FileSourceSplit> snapshotState(long checkpointId) {
        List<FileSourceSplit> splits = new ArrayList<>(reader.snapshotState(checkpointId));
        splits.addAll(local);
        return splits;
    }

    @Override
    public void addSplits(List<FileSourceSplit> splits) {
        // An answer from the coordinator, or splits restored from a checkpoint.
        requested = false;
        local.addAll(splits);
        feed();
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        requested = false;
        feed();
    }

    /**
     * Answers the wrapped reader when it waits and an answer is at hand (a split, or the end), and
     * asks the coordinator for more when the local queue runs low.
     *
     * @return whether the wrapped reader got a split
     */
    private boolean feed() {
        boolean fed = false;
        if (readerWaiting && !local.isEmpty()) {
            readerWaiting = false;
            reader.addSplits(List.of(local.poll()));
            fed = true;
        } else if (readerWaiting && noMoreSplits && !readerToldNoMore) {
            readerWaiting = false;
            readerToldNoMore = true;
            reader.notifyNoMoreSplits();
        }
        if (started && !requested && !noMoreSplits && local.size() <= LOW_WATER) {
            requested = true;
            context.sendSplitRequest();
        }
        return fed;
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        reader.handleSourceEvents(event);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        reader.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        reader.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void pauseOrResumeSplits(
            Collection<String> splitsToPause, Collection<String> splitsToResume) {
        reader.pauseOrResumeSplits(splitsToPause, splitsToResume);
    }

    @Override
    public void close() throws Exception {
        reader.close();
    }

    /** The task's reader context, with the wrapped reader's split requests kept local. */
    private final class GatedContext implements SourceReaderContext {
        private final SourceReaderContext context;

        GatedContext(SourceReaderContext context) {
            this.context = context;
        }

        @Override
        public void sendSplitRequest() {
            readerWaiting = true;
        }

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return context.metricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return context.getConfiguration();
        }

        @Override
        public String getLocalHostName() {
            return context.getLocalHostName();
        }

        @Override
        public int getIndexOfSubtask() {
            return context.getIndexOfSubtask();
        }

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {
            context.sendSourceEventToCoordinator(sourceEvent);
        }

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return context.getUserCodeClassLoader();
        }

        @Override
        public int currentParallelism() {
            return context.currentParallelism();
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            context.emitWatermark(watermark);
        }
    }
}
