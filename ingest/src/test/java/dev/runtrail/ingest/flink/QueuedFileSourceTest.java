package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.fs.Path;
import org.junit.jupiter.api.Test;

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
        var enumerator = new QueuedFileSource.Enumerator(context, splits(100, 1_000));

        enumerator.handleSplitRequest(0, null);
        assertThat(context.assigned.get(0)).hasSize(QueuedFileSource.MAX_BATCH);

        int requests = 1;
        for (int round = 0; round < 200 && context.noMore.size() < 2; round++) {
            enumerator.handleSplitRequest(round % 2, null);
            requests++;
        }
        List<String> all = new ArrayList<>();
        context.assigned.values().forEach(list -> list.forEach(s -> all.add(s.splitId())));
        assertThat(all).hasSize(100).doesNotHaveDuplicates();
        assertThat(context.noMore).containsExactlyInAnyOrder(0, 1);
        // 100 splits in batches of 12: 9 answers with splits, and one "no more" per reader
        assertThat(requests).isEqualTo(9 + 2);
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
        var enumerator = new QueuedFileSource.Enumerator(context, splits(30, 10));
        for (int i = 1; i <= 3; i++) {
            enumerator.handleSplitRequest(0, null);
            assertThat(context.assigned.get(0))
                    .hasSize(Math.min(30, i * QueuedFileSource.MAX_BATCH));
        }
        assertThat(context.noMore).isEmpty();
        enumerator.handleSplitRequest(0, null);
        assertThat(context.noMore).containsExactly(0);
    }

    @Test
    void splitsOfAFailedReaderAreAssignedAgain() {
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
}
