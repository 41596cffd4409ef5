package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
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
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        org.apache.flink.core.fs.Path[] paths = {LocalFileEnumerator.toFlinkPath(dir.toFile())};
        WatchingEnumerator enumerator =
                new WatchingEnumerator(context, paths, 100, List.of(), List.of());

        enumerator.handleSplitRequest(0, null);
        assertThat(context.assigned).as("nothing listed yet: the reader waits").isEmpty();
        enumerator.start();
        context.runPeriodicCall();
        assertThat(context.assigned)
                .as("a file is taken when a second listing finds it the same")
                .isEmpty();
        context.runPeriodicCall();
        assertThat(pathsOf(context.take(0))).containsExactly(evtx, evtx, small);

        context.runPeriodicCall();
        enumerator.handleSplitRequest(0, null);
        assertThat(context.assigned).as("no new file").isEmpty();

        Path later = write("access-2.log", "10.0.0.2 - - [01/May/2024:12:00:01 +0000] \"GET /\"\n");
        context.runPeriodicCall();
        context.runPeriodicCall();
        assertThat(pathsOf(context.take(0))).containsExactly(later);

        PendingSplitsCheckpoint<FileSourceSplit> state = enumerator.snapshotState(1);
        assertThat(state.getSplits()).isEmpty();
        WatchingEnumerator restored =
                new WatchingEnumerator(
                        context, paths, 100, state.getSplits(), state.getAlreadyProcessedPaths());
        restored.start();
        Path after = write("access-3.log", "10.0.0.3 - - [01/May/2024:12:00:02 +0000] \"GET /\"\n");
        restored.handleSplitRequest(1, null);
        context.runPeriodicCall();
        context.runPeriodicCall();
        assertThat(pathsOf(context.take(1))).containsExactly(after);
        assertThat(context.assigned).isEmpty();
        assertThat(context.noMore).as("a watching source never ends").isEmpty();
    }

    @Test
    void splitsWaitingAtACheckpointAreHandedOutAfterTheRestoreAndTheirFilesNotListedAgain()
            throws Exception {
        Path evtx = evtx("big.evtx", 48); // three splits
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        org.apache.flink.core.fs.Path[] paths = {LocalFileEnumerator.toFlinkPath(dir.toFile())};
        WatchingEnumerator enumerator =
                new WatchingEnumerator(context, paths, 100, List.of(), List.of());
        enumerator.start();
        context.runPeriodicCall();
        context.runPeriodicCall();
        PendingSplitsCheckpoint<FileSourceSplit> state = enumerator.snapshotState(1);
        assertThat(state.getSplits()).hasSize(3);

        RecordingEnumeratorContext after = new RecordingEnumeratorContext();
        WatchingEnumerator restored =
                new WatchingEnumerator(
                        after, paths, 100, state.getSplits(), state.getAlreadyProcessedPaths());
        restored.start();
        after.runPeriodicCall();
        after.runPeriodicCall();
        restored.handleSplitRequest(0, null);
        assertThat(pathsOf(after.take(0))).containsExactly(evtx, evtx, evtx);
        restored.handleSplitRequest(0, null);
        assertThat(after.assigned).isEmpty();
    }

    @Test
    void aFileStillGrowingIsTakenOnlyOnceTwoListingsFindItUnchanged() throws Exception {
        Path growing = write("access.log", "10.0.0.1 - - [01/May/2024:12:00:00 +0000] \"GET /\"\n");
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        org.apache.flink.core.fs.Path[] paths = {LocalFileEnumerator.toFlinkPath(dir.toFile())};
        WatchingEnumerator enumerator =
                new WatchingEnumerator(context, paths, 100, List.of(), List.of());
        enumerator.start();
        enumerator.handleSplitRequest(0, null);
        context.runPeriodicCall();
        Files.writeString(
                growing,
                "10.0.0.1 - - [01/May/2024:12:00:01 +0000] \"GET /\"\n",
                StandardOpenOption.APPEND);
        context.runPeriodicCall();
        assertThat(context.assigned).as("longer than at the last listing").isEmpty();
        context.runPeriodicCall();
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
}
