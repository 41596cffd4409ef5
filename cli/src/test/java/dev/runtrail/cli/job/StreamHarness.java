package dev.runtrail.cli.job;

import dev.runtrail.cli.Runtrail;
import dev.runtrail.ingest.flink.EcsDocumentTypeInfo;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.SinkSettings;
import dev.runtrail.sinks.Sinks;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CompletedCheckpointStats;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the streaming job (raw Kafka topics → job → Elasticsearch) on a MiniCluster of its own, with
 * checkpoints kept on cancellation, and waits on conditions: documents counted in Elasticsearch,
 * checkpoints completed, job states. Nothing here sleeps for a fixed time to let work happen.
 */
final class StreamHarness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamHarness.class);
    static final Duration POLL = Duration.ofMillis(500);
    static final Duration IDLENESS = Duration.ofSeconds(5);

    private final MiniCluster cluster;
    private final String bootstrap;

    StreamHarness(Path checkpointDir, String bootstrap) throws Exception {
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpointDir.toUri().toString());
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 3);
        // Small network buffers: a test that slows its sink down waits for a checkpoint while the
        // stream is still flowing, and an aligned checkpoint's barrier queues behind every record
        // buffered ahead of it. With 32 KiB buffers the barrier of a 40 ms-per-record job could
        // trail hundreds of records and arrive only after the stream had ended; 4 KiB buffers
        // hold a few records each.
        conf.set(TaskManagerOptions.MEMORY_SEGMENT_SIZE, MemorySize.parse("4kb"));
        this.cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .withRandomPorts()
                                .build());
        cluster.start();
        this.bootstrap = bootstrap;
    }

    /** Ships files onto the raw topics with the real {@code runtrail ship} command. */
    void ship(List<Path> paths) {
        String[] args = new String[paths.size() + 3];
        args[0] = "ship";
        for (int i = 0; i < paths.size(); i++) {
            args[i + 1] = paths.get(i).toString();
        }
        args[paths.size() + 1] = "--kafka";
        args[paths.size() + 2] = bootstrap;
        int code = Runtrail.execute(args);
        if (code != 0) {
            throw new IllegalStateException("runtrail ship " + paths + " exited with " + code);
        }
    }

    /**
     * Submits the streaming job.
     *
     * @param fromMillis read records produced from this time on (earlier tests' records stay
     *     unread)
     * @param restoreFrom a retained checkpoint to restore, or null for a fresh start
     */
    JobID submit(String esUrl, String prefix, String group, long fromMillis, String restoreFrom)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(1000, CheckpointingMode.EXACTLY_ONCE);
        env.getCheckpointConfig()
                .setExternalizedCheckpointRetention(
                        ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        Configuration restart = new Configuration();
        restart.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        restart.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 20);
        restart.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(2));
        env.configure(restart);
        // Idle sources stop holding back the watermark after 5 s (instead of a minute), so the
        // correlation output of a drained stream settles within the test's patience.
        JobSettings defaults = JobSettings.files(List.of(), null, 1);
        JobSettings settings =
                new JobSettings(
                        List.of(),
                        null,
                        1,
                        defaults.outOfOrderness(),
                        IDLENESS,
                        defaults.correlation(),
                        true);
        SinkSettings sinks =
                SinkSettings.elasticsearchOnly(ElasticsearchSettings.forUrl(esUrl, prefix));
        AuditJob.build(
                env,
                AuditJob.kafkaSource(bootstrap, group, OffsetsInitializer.timestamp(fromMillis)),
                settings,
                (docs, revisions) ->
                        Sinks.attach(
                                docs.map(new Throttle())
                                        .returns(EcsDocumentTypeInfo.INSTANCE)
                                        .uid(Throttle.UID)
                                        .name("throttle"),
                                sinks,
                                revisions));
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName("stream " + prefix);
        if (restoreFrom != null) {
            graph.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(restoreFrom, false));
        }
        JobID id = cluster.submitJob(graph).get(2, TimeUnit.MINUTES).getJobID();
        await(
                "job " + prefix + " running",
                Duration.ofMinutes(1),
                () -> status(id) == JobStatus.RUNNING);
        return id;
    }

    JobStatus status(JobID id) throws Exception {
        return cluster.getJobStatus(id).get(30, TimeUnit.SECONDS);
    }

    long completedCheckpoints(JobID id) throws Exception {
        return stats(id).getCounts().getNumberOfCompletedCheckpoints();
    }

    private CheckpointStatsSnapshot stats(JobID id) throws Exception {
        return cluster.getArchivedExecutionGraph(id)
                .get(30, TimeUnit.SECONDS)
                .getCheckpointStatsSnapshot();
    }

    /** Waits until at least {@code more} further checkpoints of the job have completed. */
    void awaitCheckpoints(JobID id, int more, Duration timeout) throws Exception {
        long target = completedCheckpoints(id) + more;
        await(more + " more checkpoints", timeout, () -> completedCheckpoints(id) >= target);
    }

    /** Cancels the job and returns the path of its last completed (retained) checkpoint. */
    String cancel(JobID id) throws Exception {
        cluster.cancelJob(id).get(1, TimeUnit.MINUTES);
        await("job cancelled", Duration.ofMinutes(1), () -> status(id) == JobStatus.CANCELED);
        CompletedCheckpointStats last = stats(id).getHistory().getLatestCompletedCheckpoint();
        return last == null ? null : last.getExternalPath();
    }

    /** Waits until events and dead letters in Elasticsearch account for every shipped record. */
    static void awaitRecords(IndexProbe probe, String prefix, long records, Duration timeout)
            throws Exception {
        await(
                records + " records in " + prefix,
                timeout,
                () ->
                        probe.count(prefix, Kind.EVENTS) + probe.count(prefix, Kind.DEADLETTER)
                                >= records);
    }

    /**
     * Waits until every shipped record is indexed and then until the counts per kind stop changing
     * for twice the source idleness (correlation output follows the watermark), and returns them.
     */
    static Map<Kind, Long> awaitSettled(
            IndexProbe probe, String prefix, long records, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitRecords(probe, prefix, records, timeout);
        Map<Kind, Long> previous = probe.counts(prefix);
        // Unchanged for longer than the idleness: the watermark has made its last move.
        long quiet = 2 * IDLENESS.toMillis() / POLL.toMillis();
        int unchanged = 0;
        while (unchanged < quiet) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("counts in " + prefix + " kept changing: " + previous);
            }
            Thread.sleep(POLL.toMillis());
            Map<Kind, Long> now = probe.counts(prefix);
            unchanged = now.equals(previous) ? unchanged + 1 : 0;
            previous = now;
        }
        return previous;
    }

    /** A condition that may throw while it is checked (a node down, a job not yet known). */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws Exception;
    }

    static void await(String what, Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(POLL.toMillis());
        }
        AssertionError failure =
                new AssertionError("Timed out after " + timeout + " waiting for " + what);
        if (last != null) {
            failure.initCause(last);
        }
        throw failure;
    }

    @Override
    public void close() throws Exception {
        cluster.close();
        LOG.info("MiniCluster closed");
    }
}
