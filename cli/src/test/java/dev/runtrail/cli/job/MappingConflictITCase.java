package dev.runtrail.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.ingest.testing.FlinkTestCluster;
import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.model.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guarantee: a document that the index mapping rejects (here a {@code process.pid} that is not a
 * number, which the test format lets through) ends in the dead-letter index with the reason; the
 * job keeps going and the rest is indexed.
 */
@RealElasticsearch
class MappingConflictITCase {
    private static final Logger LOG = LoggerFactory.getLogger(MappingConflictITCase.class);

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.withTwoSlots();

    @TempDir Path dir;

    @Test
    void theConflictingDocumentIsDeadLetteredAndTheRestIndexed(ElasticsearchNode es)
            throws Exception {
        long started = System.nanoTime();
        Files.writeString(
                dir.resolve("pids.kvtest"),
                "2024-05-01T12:00:00Z alice pid=4711\n"
                        + "2024-05-01T12:00:01Z bob pid=not-a-number\n"
                        + "2024-05-01T12:00:02Z carol\n"
                        + "2024-05-01T12:00:03Z dave pid=42\n");
        String prefix = es.indexPrefix() + "-conflict";
        IndexProbe probe = new IndexProbe(es.url());

        JobSummary summary = ReimportITCase.importFiles(List.of(dir), es.url(), prefix);

        assertThat(summary.events()).isEqualTo(4);
        assertThat(summary.deadLetters()).isZero();
        assertThat(probe.count(prefix, Kind.EVENTS)).isEqualTo(3);
        assertThat(probe.count(prefix, Kind.DEADLETTER)).isEqualTo(1);
        JsonNode letter = probe.firstSource(prefix, Kind.DEADLETTER);
        assertThat(letter.at("/error/message").asText())
                .contains("process.pid")
                .contains("not-a-number");
        assertThat(letter.at("/event/original").asText()).contains("not-a-number").contains("bob");
        JsonNode bob =
                probe.call(
                        "POST",
                        "/" + Kind.EVENTS.alias(prefix) + "/_search",
                        "{\"query\":{\"term\":{\"user.name\":\"bob\"}}}");
        assertThat(bob.at("/hits/total/value").asLong()).isZero();
        JsonNode dave =
                probe.call(
                        "POST",
                        "/" + Kind.EVENTS.alias(prefix) + "/_search",
                        "{\"query\":{\"term\":{\"process.pid\":42}}}");
        assertThat(dave.at("/hits/hits/0/_source/user/name").asText()).isEqualTo("dave");
        LOG.info("Mapping conflict run took {} ms", (System.nanoTime() - started) / 1_000_000);
    }
}
