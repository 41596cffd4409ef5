package dev.runtrail.ingest.flink;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enumerator of a {@link QueuedFileSource#watching} source: lists the paths every interval and
 * hands out every split of each file it has not seen before, a batch per request, once two listings
 * in a row found the file with the same size and modification time (so a file still being written
 * is left for later); a reader that asks while nothing is waiting is answered when a listing finds
 * something. The paths seen and the splits not yet handed out are its checkpoint.
 *
 * <p>Why not Flink's own continuous enumerator: it remembers a file as seen when it takes the
 * file's first split and drops the file's other splits, so of an EVTX file over 1 MiB (split by
 * chunks) or a text export over 64 MB (split by lines) only the first part was read.
 */
final class WatchingEnumerator
        implements SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> {
    private static final Logger LOG = LoggerFactory.getLogger(WatchingEnumerator.class);

    private final SplitEnumeratorContext<FileSourceSplit> context;
    private final Path[] paths;
    private final long intervalMillis;
    private final ArrayDeque<FileSourceSplit> pool;
    private final Set<Path> seen;

    /**
     * New files of the last listing, with their size and modification time: a file is taken when
     * the next listing finds both unchanged (an export still being copied in is left alone).
     */
    private Map<Path, List<Long>> unsettled = new HashMap<>();

    /** Readers that asked while the pool was empty, in the order they asked. */
    private final Set<Integer> waiting = new LinkedHashSet<>();

    WatchingEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context,
            Path[] paths,
            long intervalMillis,
            Collection<FileSourceSplit> pending,
            Collection<Path> seen) {
        this.context = context;
        this.paths = paths.clone();
        this.intervalMillis = intervalMillis;
        this.pool = new ArrayDeque<>(pending);
        this.seen = new HashSet<>(seen);
        for (FileSourceSplit split : pending) {
            this.seen.add(split.path());
        }
    }

    @Override
    public void start() {
        context.callAsync(
                () -> new LocalFileEnumerator().enumerateSplits(paths, 1),
                this::discovered,
                0,
                intervalMillis);
    }

    /**
     * Takes the splits of the files not seen before that have kept their size and modification time
     * since the last listing, largest first, and answers waiting readers.
     */
    void discovered(Collection<FileSourceSplit> splits, Throwable error) {
        if (error != null) {
            LOG.error("Could not list {} for new files; trying again next time", paths, error);
            return;
        }
        Set<Path> known = new HashSet<>(seen);
        Map<Path, List<Long>> changing = new HashMap<>();
        List<FileSourceSplit> fresh = new ArrayList<>();
        for (FileSourceSplit split : splits) {
            Path path = split.path();
            if (known.contains(path)) {
                continue;
            }
            List<Long> state = List.of(split.fileSize(), split.fileModificationTime());
            // every split of a new file, however many the file has, once it stopped changing
            if (state.equals(unsettled.get(path))) {
                seen.add(path);
                fresh.add(split);
            } else {
                changing.put(path, state);
            }
        }
        unsettled = changing;
        if (fresh.isEmpty()) {
            return;
        }
        fresh.sort(QueuedFileSource.LARGEST_FIRST);
        pool.addAll(fresh);
        answerWaiting();
    }

    private void answerWaiting() {
        Iterator<Integer> readers = waiting.iterator();
        while (readers.hasNext() && !pool.isEmpty()) {
            int subtask = readers.next();
            readers.remove();
            if (context.registeredReaders().containsKey(subtask)) {
                QueuedFileSource.assignBatch(context, pool, subtask);
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtask, String hostname) {
        if (pool.isEmpty()) {
            waiting.add(subtask);
        } else {
            QueuedFileSource.assignBatch(context, pool, subtask);
        }
    }

    @Override
    public void addSplitsBack(List<FileSourceSplit> splits, int subtask) {
        QueuedFileSource.returnToPool(pool, splits);
    }

    @Override
    public void addReader(int subtask) {}

    @Override
    public PendingSplitsCheckpoint<FileSourceSplit> snapshotState(long checkpointId) {
        return PendingSplitsCheckpoint.fromCollectionSnapshot(new ArrayList<>(pool), seen);
    }

    @Override
    public void close() {}
}
