package dev.runtrail.sinks.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every document the parsers make from the shared real samples must fit the index templates: the
 * shared check of all ingest output against {@link EcsMappings} (what Elasticsearch would refuse
 * shows up here, without a cluster).
 */
class SampleOutputMappingTest {
    private static final int MAX_RECORDS_PER_FILE = 20_000;

    @Test
    void everyParsedSampleDocumentFitsTheTemplates() throws Exception {
        Path samples = Path.of(System.getProperty("runtrail.samples", "../shared/samples"));
        assumeTrue(Files.isDirectory(samples), "shared samples absent: " + samples);
        Map<String, Integer> problems = new TreeMap<>();
        Map<String, String> examples = new TreeMap<>();
        int documents = 0;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samples)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.equals("MANIFEST.tsv") || name.endsWith(".md")) {
                continue;
            }
            InputSource input = InputSource.of(file);
            Optional<Format> format = Formats.detect(input);
            if (format.isEmpty()) {
                continue;
            }
            try (RecordReader reader = format.get().open(input)) {
                Parsed parsed;
                int n = 0;
                while (n++ < MAX_RECORDS_PER_FILE && (parsed = reader.next()) != null) {
                    EcsDocument doc =
                            parsed instanceof DeadLetter dl
                                    ? dl.toDocument(Instant.parse("2024-01-01T00:00:00Z"))
                                    : (EcsDocument) parsed;
                    documents++;
                    for (String problem : MappingValidator.violations(doc)) {
                        String key = format.get().name() + ": " + problem.replaceAll("'.*'", "'…'");
                        problems.merge(key, 1, Integer::sum);
                        examples.putIfAbsent(key, samples.relativize(file) + " → " + problem);
                    }
                }
            }
        }
        StringBuilder report = new StringBuilder();
        problems.forEach(
                (k, count) ->
                        report.append(count).append(" × ").append(examples.get(k)).append('\n'));
        assertThat(documents).as("documents parsed from the samples").isPositive();
        assertThat(problems).as("documents the index would refuse:\n" + report).isEmpty();
    }
}
