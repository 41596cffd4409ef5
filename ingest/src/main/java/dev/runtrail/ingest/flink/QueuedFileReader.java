package dev.runtrail.ingest.flink;

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
 * The reader of {@link QueuedFileSource}: Flink's file source reader, whose split requests are let
 * through only when its queue runs low. That reader asks once per finished split; with one small
 * file per split, each file cost a round trip to the coordinator (and the RPC and JIT work behind
 * it) for a few dozen records.
 */
final class QueuedFileReader<T> implements SourceReader<T, FileSourceSplit> {
    /** Requests pass when the reader holds this many unfinished splits or fewer. */
    static final int LOW_WATER = 4;

    private final SourceReaderBase<?, T, FileSourceSplit, ?> reader;

    /** Whether a request is on its way and unanswered: never two at a time. */
    private boolean requested;

    private boolean noMoreSplits;

    @SuppressWarnings("unchecked")
    QueuedFileReader(FileSource<T> files, SourceReaderContext context) throws Exception {
        this.reader =
                (SourceReaderBase<?, T, FileSourceSplit, ?>)
                        files.createReader(new GatedContext(context));
    }

    /** Called (on the task thread) where the wrapped reader would send a request. */
    private void requestIfLow(SourceReaderContext context) {
        if (!requested
                && !noMoreSplits
                && reader.getNumberOfCurrentlyAssignedSplits() <= LOW_WATER) {
            requested = true;
            context.sendSplitRequest();
        }
    }

    @Override
    public void start() {
        reader.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) throws Exception {
        return reader.pollNext(output);
    }

    @Override
    public List<FileSourceSplit> snapshotState(long checkpointId) {
        return reader.snapshotState(checkpointId);
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return reader.isAvailable();
    }

    @Override
    public void addSplits(List<FileSourceSplit> splits) {
        // The answer. No new request from here even when the queue is still low: a batch is cut
        // short only by its byte bound, and big splits should spread over the readers.
        requested = false;
        reader.addSplits(splits);
    }

    @Override
    public void notifyNoMoreSplits() {
        noMoreSplits = true;
        reader.notifyNoMoreSplits();
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

    /** The task's reader context, with split requests gated by {@link #requestIfLow}. */
    private final class GatedContext implements SourceReaderContext {
        private final SourceReaderContext context;

        GatedContext(SourceReaderContext context) {
            this.context = context;
        }

        @Override
        public void sendSplitRequest() {
            requestIfLow(context);
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
