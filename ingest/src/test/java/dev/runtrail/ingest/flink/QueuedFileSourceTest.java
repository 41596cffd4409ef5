package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.apache.flink.util.FlinkRuntimeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueuedFileSourceTest {

    private static List<FileSourceSplit> splits(int count, long length) {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            splits.add(
                    new FileSourceSplit(
                            "s" + length + "-" + i,
                            new Path("/f" + length + "-" + i),
                            0,
                            length,
                            0,
                            length));
        }
        return splits;
    }

    @Test
    void smallFilesAreHandedOutSeveralAtATimeAndEachExactlyOnce() {
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        int count = 2 * QueuedFileSource.MAX_BATCH + 5;
        var enumerator = new QueuedFileSource.Enumerator(context, splits(count, 1_000));

        enumerator.handleSplitRequest(0, null);
        assertThat(context.assigned.get(0)).hasSize(QueuedFileSource.MAX_BATCH);

        int requests = 1;
        for (int round = 0; round < 2 * count && context.noMore.size() < 2; round++) {
            enumerator.handleSplitRequest(round % 2, null);
            requests++;
        }
        List<String> all = new ArrayList<>();
        context.assigned.values().forEach(list -> list.forEach(s -> all.add(s.splitId())));
        assertThat(all).hasSize(count).doesNotHaveDuplicates();
        assertThat(context.noMore).containsExactlyInAnyOrder(0, 1);
        // two full batches and one of five, then one "no more" per reader
        assertThat(requests).isEqualTo(3 + 2);
    }

    @Test
    void bigSplitsGoFirstAndABatchStopsAtTheByteBound() {
        List<FileSourceSplit> input = new ArrayList<>(splits(3, 100));
        input.addAll(splits(2, 32L << 20));
        input.addAll(splits(6, 1L << 20));
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        var enumerator = new QueuedFileSource.Enumerator(context, input);

        enumerator.handleSplitRequest(0, null);
        enumerator.handleSplitRequest(1, null);
        enumerator.handleSplitRequest(0, null);

        // a batch is never empty, even when its one split is over the bound
        assertThat(context.assigned.get(1))
                .extracting(FileSourceSplit::length)
                .containsExactly(32L << 20);
        assertThat(context.assigned.get(0))
                .extracting(FileSourceSplit::length)
                .containsExactly(32L << 20, 1L << 20, 1L << 20, 1L << 20, 1L << 20);
    }

    @Test
    void aRequestAlwaysGetsASplitWhileAnyIsLeft() {
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        int count = 2 * QueuedFileSource.MAX_BATCH + QueuedFileSource.MAX_BATCH / 2;
        var enumerator = new QueuedFileSource.Enumerator(context, splits(count, 10));
        for (int i = 1; i <= 3; i++) {
            enumerator.handleSplitRequest(0, null);
            assertThat(context.assigned.get(0))
                    .hasSize(Math.min(count, i * QueuedFileSource.MAX_BATCH));
        }
        assertThat(context.noMore).isEmpty();
        enumerator.handleSplitRequest(0, null);
        assertThat(context.noMore).containsExactly(0);
    }

    @Test
    void splitsOfAFailedReaderAreAssignedAgain() throws IOException {
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        List<FileSourceSplit> input = splits(2, 10);
        var enumerator = new QueuedFileSource.Enumerator(context, input);
        enumerator.handleSplitRequest(0, null);
        List<FileSourceSplit> lost = List.copyOf(context.assigned.get(0));
        assertThat(lost).hasSize(2);

        enumerator.addSplitsBack(lost, 0);
        enumerator.addReader(0);
        enumerator.handleSplitRequest(1, null);

        assertThat(context.assigned.get(1)).containsExactlyInAnyOrderElementsOf(lost);
        assertThat(enumerator.snapshotState(1).getSplits()).isEmpty();
        enumerator.handleSplitRequest(1, null);
        assertThat(context.noMore).containsExactly(1);
    }

    private static Path[] files(java.nio.file.Path dir, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Files.writeString(dir.resolve("f" + i + ".log"), "x".repeat(i + 1));
        }
        return new Path[] {LocalFileEnumerator.toFlinkPath(dir.toFile())};
    }

    @Test
    void readersThatAskBeforeTheListingIsDoneAreAnsweredInTheirOrderWhenItIs(
            @TempDir java.nio.file.Path dir) throws IOException {
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        var enumerator = new QueuedFileSource.Enumerator(context, files(dir, 3));
        enumerator.start();
        enumerator.handleSplitRequest(1, null);
        enumerator.handleSplitRequest(0, null);
        assertThat(context.assigned).isEmpty();
        assertThat(context.noMore).isEmpty();

        context.runAsyncCall();

        // the first to ask gets the first batch: all three files, the largest first
        assertThat(context.take(1)).extracting(FileSourceSplit::length).containsExactly(3L, 2L, 1L);
        assertThat(context.assigned).isEmpty();
        assertThat(context.noMore).containsExactly(0);
    }

    @Test
    void aCheckpointTakenBeforeTheListingIsDoneHoldsEveryFileOnce(@TempDir java.nio.file.Path dir)
            throws IOException {
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        var enumerator = new QueuedFileSource.Enumerator(context, files(dir, 4));
        enumerator.start();

        assertThat(enumerator.snapshotState(1).getSplits()).hasSize(4);
        enumerator.handleSplitRequest(0, null);
        assertThat(context.take(0)).hasSize(4);
        // the listing started earlier ends later; it must not add the files a second time
        context.runAsyncCall();
        assertThat(enumerator.snapshotState(2).getSplits()).isEmpty();
        enumerator.handleSplitRequest(0, null);
        assertThat(context.assigned).isEmpty();
        assertThat(context.noMore).containsExactly(0);
    }

    @Test
    void aListingThatFailsFailsTheJobNamingThePath(@TempDir java.nio.file.Path dir) {
        RecordingEnumeratorContext context = new RecordingEnumeratorContext();
        java.io.File missing = dir.resolve("gone").toFile();
        var enumerator =
                new QueuedFileSource.Enumerator(
                        context, new Path[] {LocalFileEnumerator.toFlinkPath(missing)});
        enumerator.start();
        enumerator.handleSplitRequest(0, null);

        assertThatThrownBy(context::runAsyncCall)
                .isInstanceOf(FlinkRuntimeException.class)
                .hasMessageContaining("Cannot list the input files")
                .hasMessageContaining(missing.getPath());
        assertThat(context.assigned).isEmpty();
        assertThat(context.noMore).isEmpty();
    }
}
