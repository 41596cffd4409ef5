package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.model.Parsed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Large EVTX files parse in parallel chunk-aligned splits and give exactly the whole-file result.
 */
class EvtxSplitsITCase {
    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    private static Path sample(String name) {
        Path dir = Path.of(System.getProperty("runtrail.samples", "../../shared/samples"), "evtx");
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared samples absent: " + dir);
        return dir.resolve(name);
    }

    @Test
    void chunkSplitsOfALargeFileYieldTheSameDocumentsAsOneReader() throws Exception {
        Path file = sample("ts-evtx_Security.evtx");
        assertThat(EvtxSplits.ranges(file, Files.size(file))).hasSizeGreaterThan(1);

        List<String> whole = new ArrayList<>();
        try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
            for (Parsed p; (p = reader.next()) != null; ) {
                whole.add(ParsedFileFormat.toDocument(p).id());
            }
        }

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        FileSource<EcsDocument> source =
                FileSource.forBulkFileFormat(
                                new ParsedFileFormat(null),
                                LocalFileEnumerator.toFlinkPath(file.toFile()))
                        .setFileEnumerator(LocalFileEnumerator.PROVIDER)
                        .build();
        List<String> split = new ArrayList<>();
        long deadLetters = 0;
        try (CloseableIterator<EcsDocument> it =
                env.fromSource(source, WatermarkStrategy.noWatermarks(), "evtx")
                        .executeAndCollect()) {
            while (it.hasNext()) {
                EcsDocument doc = it.next();
                split.add(doc.id());
                deadLetters += doc.kind() == Kind.DEADLETTER ? 1 : 0;
            }
        }

        assertThat(whole).hasSizeGreaterThan(1000);
        assertThat(split).containsExactlyInAnyOrderElementsOf(whole);
        assertThat(deadLetters).isZero();
    }

    @Test
    void smallFilesAndOtherFormatsStayWhole() throws Exception {
        Path file = sample("Security_short_selected.evtx");
        assertThat(EvtxSplits.ranges(file, Files.size(file)))
                .singleElement()
                .satisfies(r -> assertThat(r).containsExactly(0, Files.size(file)));
    }
}
