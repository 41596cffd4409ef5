package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every Airflow sample is detected as the right format and parses without a dead letter. */
class AirflowSamplesSweepTest {
    @Test
    void everySampleIsDetectedAndParsesCleanly() throws IOException {
        Path root = Reads.samples();
        List<Path> files;
        try (Stream<Path> a = Files.walk(root.resolve("airflow"));
                Stream<Path> b = Files.walk(root.resolve("airflow-api"))) {
            files = Stream.concat(a, b).filter(Files::isRegularFile).sorted().toList();
        }
        // the files on disk are the ones MANIFEST.tsv lists for these folders
        List<String> listed =
                Files.readAllLines(root.resolve("MANIFEST.tsv")).stream()
                        .map(line -> line.split("\t", 2)[0])
                        .filter(p -> p.startsWith("airflow/") || p.startsWith("airflow-api/"))
                        .sorted()
                        .toList();
        assertThat(files.stream().map(f -> root.relativize(f).toString().replace('\\', '/')))
                .containsExactlyElementsOf(listed);
        for (Path file : files) {
            String rel = root.relativize(file).toString().replace('\\', '/');
            String expected;
            if (rel.startsWith("airflow-api/")) {
                expected = AirflowDagRunFormat.NAME;
            } else if (rel.startsWith("airflow/es_handler/")) {
                expected = AirflowEsTaskLogFormat.NAME;
            } else if (rel.contains("test_logging_dag")) {
                expected = AirflowJsonTaskLogFormat.NAME;
            } else {
                expected = AirflowTaskLogFormat.NAME;
            }
            Format format = Formats.detect(InputSource.of(file)).orElseThrow();
            assertThat(format.name()).as(rel).isEqualTo(expected);
            Reads.Result r = Reads.read(format, file);
            assertThat(r.deadLetters()).as(rel).isEmpty();
            assertThat(r.events()).as(rel).isNotEmpty();
            assertThat(r.events())
                    .as(rel)
                    .allSatisfy(
                            e -> {
                                assertThat(e.id()).isNotNull();
                                assertThat(e.getString("event.hash")).hasSize(64);
                                assertThat(e.getString("airflow.dag_id")).isNotNull();
                            });
        }
    }
}
