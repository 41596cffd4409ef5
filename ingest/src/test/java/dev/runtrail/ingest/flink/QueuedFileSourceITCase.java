package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers that ask for splits only when their queue runs low still read every file exactly once,
 * however the files fall into batches.
 */
class QueuedFileSourceITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    @TempDir Path dir;

    @Test
    void everyRecordOfManySmallFilesAndAFewBigOnesIsReadOnce() throws Exception {
        List<Path> files = new ArrayList<>();
        // sizes chosen to cross the batch bounds: empty files, one-liners, and files whose bytes
        // fill a batch on their own
        for (int f = 0; f < 301; f++) {
            int lines = f % 50 == 0 ? 20_000 : f % 7;
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < lines; i++) {
                text.append("10.0.")
                        .append(f % 250)
                        .append('.')
                        .append(i % 250)
                        .append(" - user")
                        .append(f)
                        .append(" [01/May/2024:12:")
                        .append(String.format("%02d:%02d", (i / 60) % 60, i % 60))
                        .append(" +0000] \"GET /airflow/home?f=")
                        .append(f)
                        .append("&i=")
                        .append(i)
                        .append(" HTTP/1.1\" 200 512 \"-\" \"curl/8.5\"\n");
            }
            Path file = dir.resolve("access-" + f + ".log");
            Files.writeString(file, text, StandardCharsets.UTF_8);
            files.add(file);
        }
        List<String> expected = new ArrayList<>();
        for (Path file : files) {
            try (RecordReader reader = FileParser.open(InputSource.of(file), "nginx-combined")) {
                for (Parsed p; (p = reader.next()) != null; ) {
                    expected.add(ParsedFileFormat.toDocument(p).id());
                }
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        ParsedFileFormat format = new ParsedFileFormat("nginx-combined");
        org.apache.flink.core.fs.Path[] paths = {LocalFileEnumerator.toFlinkPath(dir.toFile())};
        List<String> read = new ArrayList<>();
        try (CloseableIterator<EcsDocument> it =
                env.fromSource(
                                new QueuedFileSource<>(format, paths),
                                WatermarkStrategy.noWatermarks(),
                                "queued")
                        .executeAndCollect()) {
            it.forEachRemaining(doc -> read.add(doc.id()));
        }

        assertThat(expected).hasSizeGreaterThan(7 * 20_000);
        Collections.sort(expected);
        Collections.sort(read);
        assertThat(read).isEqualTo(expected);
    }
}
