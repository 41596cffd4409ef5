package dev.runtrail.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.local.junit.ElasticsearchNode;
import dev.runtrail.local.junit.KafkaBroker;
import dev.runtrail.local.junit.RealElasticsearch;
import dev.runtrail.local.junit.RealKafka;
import dev.runtrail.model.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guarantee: the streaming job, cancelled mid-stream and started again from its last retained
 * checkpoint, ends with the same index content (counts and ids per kind) as a run that was never
 * interrupted.
 */
@RealKafka
@RealElasticsearch
class StreamRestoreITCase {
    private static final Logger LOG = LoggerFactory.getLogger(StreamRestoreITCase.class);
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir Path checkpoints;
    @TempDir Path inputs;

    @AfterEach
    void fullSpeed() {
        Throttle.delay(0);
    }

    @Test
    void aJobRestoredFromItsCheckpointEndsLikeAnUninterruptedOne(
            KafkaBroker kafka, ElasticsearchNode es) throws Exception {
        long started = System.nanoTime();
        long allRecords = Scenario.records(Scenario.all());
        String restored = es.indexPrefix() + "-restored";
        String reference = es.indexPrefix() + "-reference";
        IndexProbe probe = new IndexProbe(es.url());
        try (StreamHarness flink = new StreamHarness(checkpoints, kafka.bootstrapServers())) {
            long from = System.currentTimeMillis();
            flink.ship(Scenario.all());
            // Slowed down so that the job is cancelled with part of the stream still unread and
            // documents written after its last checkpoint, which the restored job replays.
            Throttle.delay(40);
            JobID first = flink.submit(es.url(), restored, "it-restore", from, null);
            StreamHarness.await(
                    "the first documents indexed",
                    TIMEOUT,
                    () -> probe.count(restored, Kind.EVENTS) >= 100);
            flink.awaitCheckpoints(first, 1, TIMEOUT);
            String checkpoint = flink.cancel(first);
            Map<Kind, Long> atCancel = probe.counts(restored);
            LOG.info("Cancelled with {} indexed; restoring {}", atCancel, checkpoint);
            assertThat(atCancel.get(Kind.EVENTS) + atCancel.get(Kind.DEADLETTER))
                    .as("cancelled mid-stream")
                    .isLessThan(allRecords);
            Throttle.delay(0);
            assertThat(checkpoint).as("a retained checkpoint").isNotNull();
            assertThat(Path.of(java.net.URI.create(checkpoint)).resolve("_metadata"))
                    .satisfies(p -> assertThat(Files.isRegularFile(p)).isTrue());

            JobID second = flink.submit(es.url(), restored, "it-restore", from, checkpoint);
            JobID uninterrupted = flink.submit(es.url(), reference, "it-reference", from, null);
            // later records, to both jobs alike (see LaterProxyLines)
            Path later = LaterProxyLines.write(inputs);
            flink.ship(List.of(later));
            allRecords += LaterProxyLines.COUNT;
            Map<Kind, Long> expected =
                    StreamHarness.awaitSettled(probe, reference, allRecords, TIMEOUT);
            StreamHarness.await(
                    "restored counts equal to " + expected,
                    TIMEOUT,
                    () -> probe.counts(restored).equals(expected));

            assertThat(expected.get(Kind.EVENTS) + expected.get(Kind.DEADLETTER))
                    .isEqualTo(allRecords);
            assertThat(expected.get(Kind.SESSIONS)).isPositive();
            assertThat(probe.counts(restored)).isEqualTo(expected);
            Map<Kind, List<String>> referenceIds = probe.idsByKind(reference);
            Map<Kind, List<String>> restoredIds = probe.idsByKind(restored);
            for (Kind kind : Kind.values()) {
                assertThat(restoredIds.get(kind))
                        .as("ids of %s", kind)
                        .doesNotHaveDuplicates()
                        .isEqualTo(referenceIds.get(kind));
            }
            flink.cancel(second);
            flink.cancel(uninterrupted);
            LOG.info(
                    "Restore test: {} records, counts {}, {} ms",
                    allRecords,
                    expected,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** oauth2-proxy lines dated years after the scenario, in their own file. */
}
