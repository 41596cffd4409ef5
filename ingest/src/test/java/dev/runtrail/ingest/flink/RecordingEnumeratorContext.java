package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;

/**
 * What the file enumerators use of their context, for two readers (subtasks 0 and 1): records the
 * splits assigned and the readers told there are no more, and runs an asynchronous call (one-off or
 * periodic) only when the test says so.
 */
final class RecordingEnumeratorContext implements SplitEnumeratorContext<FileSourceSplit> {
    final Map<Integer, List<FileSourceSplit>> assigned = new HashMap<>();
    final Set<Integer> noMore = new HashSet<>();
    private Callable<Collection<FileSourceSplit>> periodic;
    private BiConsumer<Collection<FileSourceSplit>, Throwable> handler;
    private Callable<Collection<FileSourceSplit>> oneShot;
    private BiConsumer<Collection<FileSourceSplit>, Throwable> oneShotHandler;

    /** The splits assigned to the reader since the last call, which must be some. */
    List<FileSourceSplit> take(int subtask) {
        List<FileSourceSplit> splits = assigned.remove(subtask);
        assertThat(splits).as("splits for reader %d", subtask).isNotNull();
        return splits;
    }

    /**
     * Runs the one-off call the enumerator made (as the worker thread would) and hands its result
     * or its failure to the handler (as the coordinator thread would).
     */
    void runAsyncCall() {
        assertThat(oneShot).as("a one-off call").isNotNull();
        Collection<FileSourceSplit> result = null;
        Throwable error = null;
        try {
            result = oneShot.call();
        } catch (Exception e) {
            error = e;
        }
        oneShot = null;
        oneShotHandler.accept(result, error);
    }

    /** Runs the call the enumerator scheduled to repeat, and hands its result to the handler. */
    void runPeriodicCall() throws Exception {
        handler.accept(periodic.call(), null);
    }

    @Override
    public void assignSplits(SplitsAssignment<FileSourceSplit> assignment) {
        assignment
                .assignment()
                .forEach(
                        (subtask, splits) ->
                                assigned.computeIfAbsent(subtask, s -> new ArrayList<>())
                                        .addAll(splits));
    }

    @Override
    public void signalNoMoreSplits(int subtask) {
        noMore.add(subtask);
    }

    @Override
    public int currentParallelism() {
        return 2;
    }

    @Override
    public Map<Integer, ReaderInfo> registeredReaders() {
        return Map.of(0, new ReaderInfo(0, "localhost"), 1, new ReaderInfo(1, "localhost"));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void callAsync(
            Callable<T> callable, BiConsumer<T, Throwable> handler, long delay, long period) {
        this.periodic = (Callable<Collection<FileSourceSplit>>) callable;
        this.handler = (BiConsumer<Collection<FileSourceSplit>, Throwable>) handler;
    }

    @Override
    public SplitEnumeratorMetricGroup metricGroup() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void sendEventToSourceReader(int subtaskId, SourceEvent event) {
        throw new UnsupportedOperationException();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
        assertThat(oneShot).as("an earlier one-off call still pending").isNull();
        this.oneShot = (Callable<Collection<FileSourceSplit>>) callable;
        this.oneShotHandler = (BiConsumer<Collection<FileSourceSplit>, Throwable>) handler;
    }

    @Override
    public void runInCoordinatorThread(Runnable runnable) {
        throw new UnsupportedOperationException();
    }
}
