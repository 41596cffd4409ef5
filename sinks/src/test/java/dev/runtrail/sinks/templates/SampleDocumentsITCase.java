package dev.runtrail.sinks.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import co.elastic.clients.elasticsearch.core.BulkResponse;
import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.model.Parsed;
import dev.runtrail.sinks.elasticsearch.BulkBody;
import dev.runtrail.sinks.elasticsearch.BulkEntry;
import dev.runtrail.sinks.elasticsearch.BulkOutcome;
import dev.runtrail.sinks.elasticsearch.BulkResponseInspector;
import dev.runtrail.sinks.elasticsearch.DocumentConverter;
import dev.runtrail.sinks.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.elasticsearch.client.Request;
import org.junit.jupiter.api.Test;

/**
 * Everything the parsers make from the shared real samples is accepted by the real node under
 * runtrail's templates: the node agrees with {@link MappingValidator}.
 */
@RealElasticsearch
class SampleDocumentsITCase {
    private static final int MAX_RECORDS_PER_FILE = 5_000;

    @Test
    void theNodeAcceptsEveryParsedSampleDocument(ElasticsearchNode es) throws Exception {
        Path samples = Path.of(System.getProperty("runtrail.samples", "../shared/samples"));
        assumeTrue(Files.isDirectory(samples), "shared samples absent: " + samples);
        List<EcsDocument> docs = parseSamples(samples);
        assertThat(docs).isNotEmpty();

        String prefix = TestNode.uniquePrefix(es);
        try (TestNode node = TestNode.of(es)) {
            new TemplateInstaller(node.client()).install(prefix);
            try {
                DocumentConverter converter = new DocumentConverter(prefix);
                List<String> refused = new ArrayList<>();
                for (int from = 0; from < docs.size(); from += 1000) {
                    List<BulkEntry> entries = new ArrayList<>();
                    for (EcsDocument doc : docs.subList(from, Math.min(docs.size(), from + 1000))) {
                        entries.add(converter.toEntry(doc));
                    }
                    Request bulk = BulkBody.of(entries).request();
                    BulkResponse response =
                            BulkResponseInspector.parse(
                                    node.client().performRequest(bulk).getEntity().getContent());
                    // as the sink reads it: a 409 for a copy of an event ranked below the copy
                    // already stored (the same Windows event in EVTX and in XML) is not a refusal
                    BulkOutcome outcome = BulkResponseInspector.inspect(entries, response);
                    for (BulkOutcome.Rejected r : outcome.rejected()) {
                        refused.add(r.entry().id() + ": " + r.reason());
                    }
                    for (BulkOutcome.Rejected r : outcome.blocked()) {
                        refused.add(r.entry().id() + ": " + r.reason());
                    }
                    outcome.retry().forEach(e -> refused.add(e.id() + ": retryable"));
                }
                assertThat(refused).as("documents the node refused").isEmpty();
                long distinctIds = docs.stream().map(EcsDocument::id).distinct().count();
                long stored = 0;
                for (Kind kind : Kind.values()) {
                    stored += node.count(kind.alias(prefix));
                }
                assertThat(stored).isEqualTo(distinctIds);
                // Nothing was mapped on the fly: each undeclared field would cost a mapping update
                // (a cluster-state change) in every new monthly index.
                Set<String> mapped =
                        MappingTree.fieldsOfIndices(node.get("/" + prefix + "-*/_mapping"));
                assertThat(mapped).hasSizeGreaterThan(50);
                assertThat(mapped)
                        .as("fields mapped dynamically")
                        .isSubsetOf(EcsMappings.declaredPaths());
            } finally {
                node.deletePrefix(prefix);
            }
        }
    }

    private static List<EcsDocument> parseSamples(Path samples) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(samples)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        List<EcsDocument> docs = new ArrayList<>();
        for (Path file : files) {
            InputSource input = InputSource.of(file);
            Optional<Format> format = Formats.detect(input);
            if (format.isEmpty()) {
                continue;
            }
            try (RecordReader reader = format.get().open(input)) {
                Parsed parsed;
                int n = 0;
                while (n++ < MAX_RECORDS_PER_FILE && (parsed = reader.next()) != null) {
                    docs.add(
                            parsed instanceof DeadLetter dl
                                    ? dl.toDocument(Instant.parse("2024-01-01T00:00:00Z"))
                                    : (EcsDocument) parsed);
                }
            }
        }
        return docs;
    }
}
