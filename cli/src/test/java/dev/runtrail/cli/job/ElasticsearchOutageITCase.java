package dev.runtrail.cli.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.local.LocalElasticsearch;
import dev.runtrail.local.junit.KafkaBroker;
import dev.runtrail.local.junit.RealKafka;
import dev.runtrail.model.Kind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guarantee: Elasticsearch down for 30 s in the middle of a stream run, then back on the same port
 * with the same data: the job waits, resumes and loses nothing (same ids as a run without the
 * outage). The node is this class's own, so the shared node of other test classes stays up.
 */
@RealKafka
class ElasticsearchOutageITCase {
    private static final Logger LOG = LoggerFactory.getLogger(ElasticsearchOutageITCase.class);
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private static LocalElasticsearch node;

    @TempDir Path checkpoints;

    @AfterEach
    void fullSpeed() {
        Throttle.delay(0);
    }

    @BeforeAll
    static void startOwnNode() throws Exception {
        node = LocalElasticsearch.startEphemeral();
    }

    @AfterAll
    static void stopOwnNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theJobWaitsForTheNodeAndLosesNothing(KafkaBroker kafka) throws Exception {
        long started = System.nanoTime();
        long allRecords = Scenario.records(Scenario.all());
        String outage = "it-outage-interrupted";
        String reference = "it-outage-reference";
        IndexProbe probe = new IndexProbe(node.url());
        try (StreamHarness flink = new StreamHarness(checkpoints, kafka.bootstrapServers())) {
            long from = System.currentTimeMillis();
            flink.ship(Scenario.all());
            // Slowed down so that the node goes away with most of the stream still to write.
            Throttle.delay(40);
            JobID job = flink.submit(node.url(), outage, "it-outage", from, null);
            StreamHarness.await(
                    "the first documents indexed",
                    TIMEOUT,
                    () -> probe.count(outage, Kind.EVENTS) >= 100);

            Map<Kind, Long> beforeOutage = probe.counts(outage);
            node.stopKeepingData();
            long down = System.nanoTime();
            // The outage itself is the scenario under test, so its length is fixed; nothing
            // here waits for work to finish.
            Thread.sleep(OUTAGE.toMillis());
            assertThat(flink.status(job)).isEqualTo(JobStatus.RUNNING);
            node = node.startAgain();
            Throttle.delay(0);
            LOG.info(
                    "Elasticsearch was down for {} ms; before the outage {} were indexed",
                    (System.nanoTime() - down) / 1_000_000,
                    beforeOutage);
            assertThat(beforeOutage.get(Kind.EVENTS)).isLessThan(allRecords);

            // The run without an outage goes alongside, against the node that is back.
            JobID uninterrupted = flink.submit(node.url(), reference, "it-outage-ref", from, null);
            Map<Kind, Long> afterOutage =
                    StreamHarness.awaitSettled(probe, outage, allRecords, TIMEOUT);
            assertThat(flink.status(job)).isEqualTo(JobStatus.RUNNING);
            Map<Kind, Long> expected =
                    StreamHarness.awaitSettled(probe, reference, allRecords, TIMEOUT);

            assertThat(afterOutage).isEqualTo(expected);
            assertThat(expected.get(Kind.EVENTS) + expected.get(Kind.DEADLETTER))
                    .isEqualTo(allRecords);
            Map<Kind, List<String>> referenceIds = probe.idsByKind(reference);
            Map<Kind, List<String>> outageIds = probe.idsByKind(outage);
            for (Kind kind : Kind.values()) {
                assertThat(outageIds.get(kind))
                        .as("ids of %s", kind)
                        .doesNotHaveDuplicates()
                        .isEqualTo(referenceIds.get(kind));
            }
            flink.cancel(job);
            flink.cancel(uninterrupted);
            LOG.info(
                    "Outage test: {} records, counts {}, {} ms",
                    allRecords,
                    expected,
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
