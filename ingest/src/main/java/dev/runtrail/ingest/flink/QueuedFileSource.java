package dev.runtrail.ingest.flink;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.FileSourceSplitSerializer;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.connector.file.src.PendingSplitsCheckpointSerializer;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.util.FlinkRuntimeException;

/**
 * A file source that keeps a short queue of splits at each reader. Flink's bounded file source
 * hands a reader one split per request and the reader asks again only when that split is done, so
 * every file costs a round trip to the coordinator while the reader idles. Airflow writes one small
 * file per task attempt (tens of thousands in an export), and those round trips were a large part
 * of reading them. Here a reader ({@link QueuedFileReader}) keeps a local queue and asks when it
 * runs low, and each answer is a batch of splits, bounded in count and bytes so that the last
 * splits still spread over the readers; big splits go out first. {@link #watching} makes a source
 * that also reads the files that appear later (see {@link WatchingEnumerator}).
 *
 * <p>The reader parses in the task's own thread, without Flink's fetcher threads (see {@link
 * QueuedFileReader}). Splits and checkpoints are those of Flink's file source ({@link
 * FileSourceSplit}, {@link PendingSplitsCheckpoint}), read by any {@link BulkFormat} over them.
 * Splits assigned to a reader that fails come back through {@link SplitEnumerator#addSplitsBack}.
 */
public final class QueuedFileSource<T>
        implements Source<T, FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>,
                ResultTypeQueryable<T> {
    private static final long serialVersionUID = 1L;

    /**
     * At most this many splits go to a reader in one answer. Each answer is a round trip through
     * the JobMaster's RPC; with 12 the scenario's ten thousand Airflow logs took 870 of them and
     * the RPC threads 0.2-0.5 CPU seconds of a two-second run. 64 of those files are about a
     * thousand records, a few milliseconds of work, so the last answers still spread evenly.
     */
    static final int MAX_BATCH = 64;

    /** An answer takes splits while they add up to less than this many bytes. */
    static final long MAX_BATCH_BYTES = 4L << 20;

    private final BulkFormat<T, FileSourceSplit> format;
    private final Path[] paths;

    /** How often the paths are listed again for new files, or null for a bounded source. */
    private final Duration watchInterval;

    /**
     * A bounded source over the files under {@code paths} when the job starts.
     *
     * @param format reads one split
     * @param paths the files and directories, enumerated with {@link LocalFileEnumerator}
     */
    public QueuedFileSource(BulkFormat<T, FileSourceSplit> format, Path[] paths) {
        this(format, paths, null);
    }

    private QueuedFileSource(BulkFormat<T, FileSourceSplit> format, Path[] paths, Duration watch) {
        this.format = format;
        this.paths = paths.clone();
        this.watchInterval = watch;
    }

    /**
     * A source that never ends: it lists {@code paths} every {@code interval} and reads each file
     * it has not seen before, all of its splits (see {@link WatchingEnumerator}).
     */
    public static <T> QueuedFileSource<T> watching(
            BulkFormat<T, FileSourceSplit> format, Path[] paths, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("A watch interval must be positive: " + interval);
        }
        return new QueuedFileSource<>(format, paths, interval);
    }

    @Override
    public Boundedness getBoundedness() {
        return watchInterval == null ? Boundedness.BOUNDED : Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<T, FileSourceSplit> createReader(SourceReaderContext context)
            throws Exception {
        return new QueuedFileReader<>(format, context);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>
            createEnumerator(SplitEnumeratorContext<FileSourceSplit> context) {
        if (watchInterval != null) {
            return new WatchingEnumerator(
                    context, paths, watchInterval.toMillis(), List.of(), List.of());
        }
        return new Enumerator(context, paths);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>
            restoreEnumerator(
                    SplitEnumeratorContext<FileSourceSplit> context,
                    PendingSplitsCheckpoint<FileSourceSplit> checkpoint) {
        if (watchInterval != null) {
            return new WatchingEnumerator(
                    context,
                    paths,
                    watchInterval.toMillis(),
                    checkpoint.getSplits(),
                    checkpoint.getAlreadyProcessedPaths());
        }
        return new Enumerator(context, checkpoint.getSplits());
    }

    @Override
    public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
        return FileSourceSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<PendingSplitsCheckpoint<FileSourceSplit>>
            getEnumeratorCheckpointSerializer() {
        return new PendingSplitsCheckpointSerializer<>(FileSourceSplitSerializer.INSTANCE);
    }

    @Override
    public TypeInformation<T> getProducedType() {
        return format.getProducedType();
    }

    /** The order splits are handed out in: the big ones first, so the last ones spread evenly. */
    static final Comparator<FileSourceSplit> LARGEST_FIRST =
            Comparator.comparingLong(FileSourceSplit::length).reversed();

    /** Puts splits a failed reader held back at the head of the pool, in their order. */
    static void returnToPool(ArrayDeque<FileSourceSplit> pool, List<FileSourceSplit> splits) {
        for (int i = splits.size() - 1; i >= 0; i--) {
            pool.addFirst(splits.get(i));
        }
    }

    /**
     * Assigns the next batch of a non-empty pool to the reader: at least one split, at most {@link
     * #MAX_BATCH} of them, and no more once they add up to {@link #MAX_BATCH_BYTES}.
     */
    static void assignBatch(
            SplitEnumeratorContext<FileSourceSplit> context,
            ArrayDeque<FileSourceSplit> pool,
            int subtask) {
        List<FileSourceSplit> batch = new ArrayList<>();
        long bytes = 0;
        while (!pool.isEmpty()
                && (batch.isEmpty() || (batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES))) {
            FileSourceSplit split = pool.pollFirst();
            batch.add(split);
            bytes += split.length();
        }
        // one message for the batch: each assignment is a call to the task manager
        context.assignSplits(new SplitsAssignment<>(Map.of(subtask, batch)));
    }

    /**
     * Assigns from one pool, largest splits first, a batch per request. When the pool is empty the
     * reader is told so at once; it still reads the splits it holds before it ends.
     *
     * <p>A new source lists its paths in the coordinator's worker thread once the enumerator has
     * started: Flink creates enumerators in the JobMaster's main thread, and a listing there (an
     * Airflow log tree of ten thousand files takes 0.1-0.3 s, more in a fresh JVM) held up
     * scheduling and deploying the readers for as long. Readers that ask before the listing is done
     * are answered, in the order they asked, as soon as it is.
     */
    static final class Enumerator
            implements SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> {
        private final SplitEnumeratorContext<FileSourceSplit> context;
        private final ArrayDeque<FileSourceSplit> pool = new ArrayDeque<>();

        /** The paths still to be listed into the pool, or null once they are. */
        private Path[] unlisted;

        /** Readers that asked while the paths were being listed, in the order they asked. */
        private final Set<Integer> waiting = new LinkedHashSet<>();

        /** An enumerator over known splits (restored from a checkpoint). */
        Enumerator(
                SplitEnumeratorContext<FileSourceSplit> context,
                Collection<FileSourceSplit> splits) {
            this.context = context;
            fill(splits);
        }

        /** An enumerator over the files under {@code paths}, listed once it has started. */
        Enumerator(SplitEnumeratorContext<FileSourceSplit> context, Path[] paths) {
            this.context = context;
            this.unlisted = paths.clone();
        }

        private void fill(Collection<FileSourceSplit> splits) {
            List<FileSourceSplit> sorted = new ArrayList<>(splits);
            sorted.sort(LARGEST_FIRST);
            pool.addAll(sorted);
        }

        @Override
        public void start() {
            if (unlisted != null) {
                Path[] paths = unlisted;
                context.callAsync(() -> list(paths), this::listed);
            }
        }

        private Collection<FileSourceSplit> list(Path[] paths) throws IOException {
            return new LocalFileEnumerator().enumerateSplits(paths, context.currentParallelism());
        }

        /** Takes the listing into the pool and answers the readers that waited for it. */
        private void listed(Collection<FileSourceSplit> splits, Throwable error) {
            if (unlisted == null) {
                return; // a checkpoint needed the listing first and made it itself
            }
            if (error != null) {
                throw new FlinkRuntimeException(
                        "Cannot list the input files: " + error.getMessage(), error);
            }
            unlisted = null;
            fill(splits);
            List<Integer> readers = new ArrayList<>(waiting);
            waiting.clear();
            for (int subtask : readers) {
                handleSplitRequest(subtask, null);
            }
        }

        @Override
        public void handleSplitRequest(int subtask, String hostname) {
            if (unlisted != null) {
                waiting.add(subtask);
                return;
            }
            if (pool.isEmpty()) {
                // The reader finishes what it holds, then ends.
                context.signalNoMoreSplits(subtask);
                return;
            }
            assignBatch(context, pool, subtask);
        }

        @Override
        public void addSplitsBack(List<FileSourceSplit> splits, int subtask) {
            returnToPool(pool, splits);
        }

        @Override
        public void addReader(int subtask) {}

        @Override
        public PendingSplitsCheckpoint<FileSourceSplit> snapshotState(long checkpointId)
                throws IOException {
            if (unlisted != null) {
                // the pending splits are those of the whole listing: list now, in this thread
                listed(list(unlisted), null);
            }
            return PendingSplitsCheckpoint.fromCollectionSnapshot(new ArrayList<>(pool));
        }

        @Override
        public void close() {}
    }
}
