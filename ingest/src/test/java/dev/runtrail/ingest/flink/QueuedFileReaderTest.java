package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.SimpleUserCodeClassLoader;
import org.apache.flink.util.UserCodeClassLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader of {@link QueuedFileSource}, driven the way a source task drives it: it asks for
 * splits when its queue runs low, waits when it has none, ends only when told there are no more,
 * and a reader restored from its state mid-file reads each remaining record exactly once.
 */
class QueuedFileReaderTest {
    @TempDir Path dir;

    private final ParsedFileFormat format = new ParsedFileFormat("nginx-combined");

    @Test
    void aReaderRestoredFromItsStateMidFileReadsTheRestExactlyOnce() throws Exception {
        List<FileSourceSplit> splits = files(9, 700);
        List<String> expected = expectedIds(splits);

        Context context = new Context();
        QueuedFileReader<EcsDocument> first = new QueuedFileReader<>(format, context);
        first.addSplits(splits);
        first.start();
        Collector output = new Collector();
        // two batches of the first file and part of the queue: stop inside the second file
        while (output.ids.size() < 900) {
            assertThat(first.pollNext(output)).isEqualTo(InputStatus.MORE_AVAILABLE);
        }
        List<FileSourceSplit> state = first.snapshotState(1);
        first.close();

        assertThat(state).hasSize(splits.size() - 1);
        assertThat(state.get(0).getReaderPosition()).isPresent();
        assertThat(state.get(0).getReaderPosition().get().getRecordsAfterOffset())
                .isEqualTo(output.ids.size() - 700);

        QueuedFileReader<EcsDocument> second = new QueuedFileReader<>(format, new Context());
        second.addSplits(state);
        second.notifyNoMoreSplits();
        second.start();
        InputStatus status;
        do {
            status = second.pollNext(output);
        } while (status == InputStatus.MORE_AVAILABLE);
        assertThat(status).isEqualTo(InputStatus.END_OF_INPUT);
        second.close();

        List<String> read = new ArrayList<>(output.ids);
        Collections.sort(read);
        assertThat(read).isEqualTo(expected);
    }

    @Test
    void itAsksWhenItsQueueRunsLowWaitsWhenEmptyAndEndsOnlyWhenToldSo() throws Exception {
        List<FileSourceSplit> splits = files(8, 3);
        Context context = new Context();
        QueuedFileReader<EcsDocument> reader = new QueuedFileReader<>(format, context);
        Collector output = new Collector();

        reader.start();
        assertThat(context.requests).as("asked at the start, with nothing queued").isEqualTo(1);
        CompletableFuture<Void> available = reader.isAvailable();
        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(reader.isAvailable()).isNotDone();
        assertThat(context.requests).as("no second request while one is open").isEqualTo(1);

        reader.addSplits(splits);
        assertThat(available).isDone();
        assertThat(reader.isAvailable()).isDone();
        int polls = 0;
        while (context.requests == 1) {
            assertThat(reader.pollNext(output)).isEqualTo(InputStatus.MORE_AVAILABLE);
            polls++;
        }
        // 8 queued, each file one batch: opening the fourth (the seventh poll) leaves 4 waiting
        assertThat(polls).isEqualTo(7);
        assertThat(context.requests).isEqualTo(2);

        InputStatus status;
        do {
            status = reader.pollNext(output);
        } while (status == InputStatus.MORE_AVAILABLE);
        assertThat(status).as("out of splits, no end yet").isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(output.ids).hasSameSizeAs(expectedIds(splits));
        assertThat(reader.isAvailable()).isNotDone();

        reader.notifyNoMoreSplits();
        assertThat(reader.isAvailable()).isDone();
        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.END_OF_INPUT);
        reader.close();
    }

    /**
     * Files of nginx lines as splits: the first with {@code lines} lines, the i-th after it with
     * {@code lines * (i + 1) / 2 + 1}.
     */
    private List<FileSourceSplit> files(int count, int lines) throws Exception {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (int f = 0; f < count; f++) {
            StringBuilder text = new StringBuilder();
            int n = f == 0 ? lines : lines * (f + 1) / 2 + 1;
            for (int i = 0; i < n; i++) {
                text.append("10.0.0.")
                        .append(f)
                        .append(" - user")
                        .append(f)
                        .append(" [01/May/2024:12:")
                        .append(String.format("%02d:%02d", (i / 60) % 60, i % 60))
                        .append(" +0000] \"GET /airflow/home?i=")
                        .append(i)
                        .append(" HTTP/1.1\" 200 512 \"-\" \"curl/8.5\"\n");
            }
            Path file = dir.resolve("access-" + f + ".log");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            long size = Files.size(file);
            splits.add(
                    new FileSourceSplit(
                            "s" + f,
                            LocalFileEnumerator.toFlinkPath(file.toFile()),
                            0,
                            size,
                            Files.getLastModifiedTime(file).toMillis(),
                            size));
        }
        return splits;
    }

    private List<String> expectedIds(List<FileSourceSplit> splits) throws Exception {
        List<String> ids = new ArrayList<>();
        for (FileSourceSplit split : splits) {
            Path file = Path.of(split.path().toUri());
            try (RecordReader reader = FileParser.open(InputSource.of(file), "nginx-combined")) {
                for (Parsed p; (p = reader.next()) != null; ) {
                    ids.add(ParsedFileFormat.toDocument(p).id());
                }
            }
        }
        Collections.sort(ids);
        return ids;
    }

    private static final class Collector implements ReaderOutput<EcsDocument> {
        final List<String> ids = new ArrayList<>();

        @Override
        public void collect(EcsDocument record) {
            ids.add(record.id());
        }

        @Override
        public void collect(EcsDocument record, long timestamp) {
            collect(record);
        }

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<EcsDocument> createOutputForSplit(String splitId) {
            return this;
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }

    private static final class Context implements SourceReaderContext {
        int requests;

        @Override
        public void sendSplitRequest() {
            requests++;
        }

        @Override
        public SourceReaderMetricGroup metricGroup() {
            return UnregisteredMetricsGroup.createSourceReaderMetricGroup();
        }

        @Override
        public Configuration getConfiguration() {
            return new Configuration();
        }

        @Override
        public String getLocalHostName() {
            return "localhost";
        }

        @Override
        public int getIndexOfSubtask() {
            return 0;
        }

        @Override
        public void sendSourceEventToCoordinator(SourceEvent sourceEvent) {}

        @Override
        public UserCodeClassLoader getUserCodeClassLoader() {
            return SimpleUserCodeClassLoader.create(getClass().getClassLoader());
        }

        @Override
        public int currentParallelism() {
            return 1;
        }
    }
}
