package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.metrics.groups.SplitEnumeratorMetricGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched folder: every split of each new file is handed out once (an EVTX file over 1 MiB has
 * several), files already seen are not handed out again, also after a restore from the enumerator's
 * checkpoint, and a reader that asked while nothing was new gets the next find.
 */
class WatchingEnumeratorTest {
    @TempDir Path dir;

    @Test
    void everySplitOfEachNewFileGoesOutOnceAndWaitingReadersGetTheNextFind() throws Exception {
        Path small = write("access-1.log", "10.0.0.1 - - [01/May/2024:12:00:00 +0000] \"GET /\"\n");
        Path evtx = evtx("big.evtx", 32); // two splits of 16 chunks
        Context context = new Context();
        org.apache.flink.core.fs.Path[] paths = {LocalFileEnumerator.toFlinkPath(dir.toFile())};
        WatchingEnumerator enumerator =
                new WatchingEnumerator(context, paths, 100, List.of(), List.of());

        enumerator.handleSplitRequest(0, null);
        assertThat(context.assigned).as("nothing listed yet: the reader waits").isEmpty();
        enumerator.start();
        context.list();
        assertThat(context.assigned)
                .as("a file is taken when a second listing finds it the same")
                .isEmpty();
        context.list();
        assertThat(pathsOf(context.take(0))).containsExactly(evtx, evtx, small);

        context.list();
        enumerator.handleSplitRequest(0, null);
        assertThat(context.assigned).as("no new file").isEmpty();

        Path later = write("access-2.log", "10.0.0.2 - - [01/May/2024:12:00:01 +0000] \"GET /\"\n");
        context.list();
        context.list();
        assertThat(pathsOf(context.take(0))).containsExactly(later);

        PendingSplitsCheckpoint<FileSourceSplit> state = enumerator.snapshotState(1);
        assertThat(state.getSplits()).isEmpty();
        WatchingEnumerator restored =
                new WatchingEnumerator(
                        context, paths, 100, state.getSplits(), state.getAlreadyProcessedPaths());
        restored.start();
        Path after = write("access-3.log", "10.0.0.3 - - [01/May/2024:12:00:02 +0000] \"GET /\"\n");
        restored.handleSplitRequest(1, null);
        context.list();
        context.list();
        assertThat(pathsOf(context.take(1))).containsExactly(after);
        assertThat(context.assigned).isEmpty();
    }

    @Test
    void splitsWaitingAtACheckpointAreHandedOutAfterTheRestoreAndTheirFilesNotListedAgain()
            throws Exception {
        Path evtx = evtx("big.evtx", 48); // three splits
        Context context = new Context();
        org.apache.flink.core.fs.Path[] paths = {LocalFileEnumerator.toFlinkPath(dir.toFile())};
        WatchingEnumerator enumerator =
                new WatchingEnumerator(context, paths, 100, List.of(), List.of());
        enumerator.start();
        context.list();
        context.list();
        PendingSplitsCheckpoint<FileSourceSplit> state = enumerator.snapshotState(1);
        assertThat(state.getSplits()).hasSize(3);

        Context after = new Context();
        WatchingEnumerator restored =
                new WatchingEnumerator(
                        after, paths, 100, state.getSplits(), state.getAlreadyProcessedPaths());
        restored.start();
        after.list();
        after.list();
        restored.handleSplitRequest(0, null);
        assertThat(pathsOf(after.take(0))).containsExactly(evtx, evtx, evtx);
        restored.handleSplitRequest(0, null);
        assertThat(after.assigned).isEmpty();
    }

    @Test
    void aFileStillGrowingIsTakenOnlyOnceTwoListingsFindItUnchanged() throws Exception {
        Path growing = write("access.log", "10.0.0.1 - - [01/May/2024:12:00:00 +0000] \"GET /\"\n");
        Context context = new Context();
        org.apache.flink.core.fs.Path[] paths = {LocalFileEnumerator.toFlinkPath(dir.toFile())};
        WatchingEnumerator enumerator =
                new WatchingEnumerator(context, paths, 100, List.of(), List.of());
        enumerator.start();
        enumerator.handleSplitRequest(0, null);
        context.list();
        Files.writeString(
                growing,
                "10.0.0.1 - - [01/May/2024:12:00:01 +0000] \"GET /\"\n",
                StandardOpenOption.APPEND);
        context.list();
        assertThat(context.assigned).as("longer than at the last listing").isEmpty();
        context.list();
        List<FileSourceSplit> taken = context.take(0);
        assertThat(pathsOf(taken)).containsExactly(growing);
        assertThat(taken.get(0).length()).isEqualTo(Files.size(growing));
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    /** A file EVTX splitting takes for an EVTX file of that many chunks (magic and size only). */
    private Path evtx(String name, int chunks) throws Exception {
        byte[] bytes = new byte[EvtxSplits.HEADER + chunks * EvtxSplits.CHUNK];
        byte[] magic = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, bytes, 0, magic.length);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static List<Path> pathsOf(List<FileSourceSplit> splits) {
        List<Path> paths = new ArrayList<>();
        for (FileSourceSplit split : splits) {
            paths.add(Path.of(split.path().toUri()));
        }
        return paths;
    }

    /** Records assignments, and runs the listing when the test says so. */
    private static final class Context implements SplitEnumeratorContext<FileSourceSplit> {
        final Map<Integer, List<FileSourceSplit>> assigned = new HashMap<>();
        private Callable<Collection<FileSourceSplit>> listing;
        private BiConsumer<Collection<FileSourceSplit>, Throwable> handler;

        /** The splits assigned to the reader since the last call, which must be some. */
        List<FileSourceSplit> take(int subtask) {
            List<FileSourceSplit> splits = assigned.remove(subtask);
            assertThat(splits).as("splits for reader %d", subtask).isNotNull();
            return splits;
        }

        void list() throws Exception {
            handler.accept(listing.call(), null);
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
        @SuppressWarnings("unchecked")
        public <T> void callAsync(
                Callable<T> callable, BiConsumer<T, Throwable> handler, long delay, long period) {
            this.listing = (Callable<Collection<FileSourceSplit>>) callable;
            this.handler = (BiConsumer<Collection<FileSourceSplit>, Throwable>) handler;
        }

        @Override
        public Map<Integer, ReaderInfo> registeredReaders() {
            return Map.of(0, new ReaderInfo(0, "localhost"), 1, new ReaderInfo(1, "localhost"));
        }

        @Override
        public void signalNoMoreSplits(int subtask) {
            throw new AssertionError("a watching source never ends");
        }

        @Override
        public int currentParallelism() {
            return 2;
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
        public <T> void callAsync(Callable<T> callable, BiConsumer<T, Throwable> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void runInCoordinatorThread(Runnable runnable) {
            throw new UnsupportedOperationException();
        }
    }
}
