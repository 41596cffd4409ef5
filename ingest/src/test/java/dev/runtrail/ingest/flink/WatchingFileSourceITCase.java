package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job watching a folder reads the files already there and then each file moved in later, all of
 * it: an EVTX export of 33 chunks, read as three splits. (With Flink's continuous enumerator only
 * the first split of a file that arrived while the job ran was read: 1,173 of its 1,715 records.)
 */
class WatchingFileSourceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    @TempDir Path dir;
    @TempDir Path staging;

    @Test
    // (a record that never comes blocks next(), which an interrupt does not end)
    @Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void filesMovedInWhileTheJobRunsAreReadWhole() throws Exception {
        Path evtx = TestReading.samples().resolve("evtx/ts-evtx_Security.evtx");
        Path watched = Files.createDirectories(dir.resolve("exports"));
        Path first = watched.resolve("access.log");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            lines.append("10.0.0.")
                    .append(i)
                    .append(" - alice [01/May/2024:12:00:")
                    .append(String.format("%02d", i))
                    .append(" +0000] \"GET /airflow/home HTTP/1.1\" 200 512 \"-\" \"curl/8.5\"\n");
        }
        Files.writeString(first, lines, StandardCharsets.UTF_8);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        org.apache.flink.core.fs.Path[] paths = {LocalFileEnumerator.toFlinkPath(watched.toFile())};
        List<String> read = new ArrayList<>();
        List<String> expected = new ArrayList<>(ids(first));
        try (CloseableIterator<EcsDocument> it =
                env.fromSource(
                                QueuedFileSource.watching(
                                        new ParsedFileFormat(null), paths, Duration.ofMillis(200)),
                                WatermarkStrategy.noWatermarks(),
                                "watched")
                        .executeAndCollect()) {
            while (read.size() < expected.size()) {
                read.add(it.next().id());
            }
            // moved in whole, as an export should be
            Path staged = staging.resolve("ts-evtx_Security.evtx");
            Files.copy(evtx, staged);
            Path moved = watched.resolve("ts-evtx_Security.evtx");
            Files.move(staged, moved, StandardCopyOption.ATOMIC_MOVE);
            List<String> later = ids(moved);
            assertThat(later).hasSize(1715);
            expected.addAll(later);
            while (read.size() < expected.size()) {
                read.add(it.next().id());
            }
        }
        Collections.sort(expected);
        Collections.sort(read);
        assertThat(read).isEqualTo(expected);
    }

    private static List<String> ids(Path file) throws Exception {
        List<String> ids = new ArrayList<>();
        try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
            for (Parsed p; (p = reader.next()) != null; ) {
                ids.add(ParsedFileFormat.toDocument(p).id());
            }
        }
        return ids;
    }
}
