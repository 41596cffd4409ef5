package dev.runtrail.cli;

import dev.runtrail.cli.job.AuditJob;
import dev.runtrail.cli.job.JobSettings;
import dev.runtrail.local.LocalKafka;
import dev.runtrail.model.EcsDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code runtrail stream}: the unbounded job over the raw Kafka topics. */
@Command(
        name = "stream",
        description = {
            "Run the audit job continuously over the raw Kafka topics (runtrail.raw.*).",
            "With --local, first starts the project's own Kafka broker (KRaft) in this process."
        })
final class StreamCommand implements Callable<Integer> {
    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(names = "--local", description = "Start a local Kafka broker and read from it.")
    boolean local;

    @ArgGroup(exclusive = true)
    RunCommand.Target target = new RunCommand.Target();

    @Option(
            names = "--group",
            defaultValue = "runtrail-ingest",
            description = "Consumer group (default: ${DEFAULT-VALUE}).")
    String group;

    @Option(
            names = "--kafka-out",
            paramLabel = "BOOTSTRAP",
            description =
                    "Also write documents to Kafka topics runtrail.<kind> (events, runs, ...).")
    String kafkaOut;

    @Option(
            names = "--checkpoint-interval",
            defaultValue = "PT10S",
            description = "Checkpoint interval, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--checkpoint-dir",
            paramLabel = "DIR",
            description =
                    "Keep checkpoints here, and resume from the latest one kept when started again"
                            + " (after Ctrl-C, a crash or a reboot): open sessions, attempts and"
                            + " runs survive, and nothing is delivered twice. Without it, a restart"
                            + " resumes from the consumer group's offsets with empty state.")
    Path checkpointDir;

    @Option(
            names = "--no-correlation",
            description =
                    "Ingest alone: parse the raw topics and deliver events and dead letters (e.g."
                            + " to runtrail.events with --kafka-out) for a correlation job that"
                            + " runs separately.")
    boolean noCorrelation;

    @Option(
            names = "--index-prefix",
            paramLabel = "PREFIX",
            description = "Index prefix (default: runtrail.es.index-prefix, else runtrail).")
    String indexPrefix;

    @Mixin ConfigMixin config = new ConfigMixin();

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Operator parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        if (bootstrap == null && !local) {
            System.err.println("runtrail stream: expected --kafka BOOTSTRAP or --local.");
            return ExitCodes.USAGE;
        }
        Configuration conf = config.load();
        if (checkpointDir != null) {
            retainCheckpoints(conf);
        }
        LocalKafka kafka = null;
        if (local) {
            kafka = LocalKafka.start();
            bootstrap = kafka.bootstrapServers();
            System.err.println(
                    "Local Kafka broker at "
                            + bootstrap
                            + "; ship into it with: ./runtrail ship PATH --kafka "
                            + bootstrap);
        }
        try {
            Targets.Resolved resolved =
                    Targets.resolve(target.es, target.out, kafkaOut, indexPrefix, conf);
            JobSettings settings =
                    JobSettings.from(List.of(), null, parallelism, conf)
                            .withCorrelation(!noCorrelation);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(conf);
            env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
            env.enableCheckpointing(checkpointInterval.toMillis(), CheckpointingMode.EXACTLY_ONCE);
            AuditJob.build(env, kafkaSource(bootstrap, group), settings, resolved.outputs());
            System.err.println(
                    "Streaming from "
                            + bootstrap
                            + " to "
                            + resolved.description()
                            + " (Ctrl-C stops).");
            env.execute("runtrail stream");
            return ExitCodes.OK;
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    /**
     * Checkpoints to {@link #checkpointDir}, kept when the job ends, and a restore from the latest
     * complete one there unless the settings name a state to recover from.
     */
    private void retainCheckpoints(Configuration conf) throws java.io.IOException {
        java.nio.file.Files.createDirectories(checkpointDir);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                checkpointDir.toAbsolutePath().toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        if (conf.contains(StateRecoveryOptions.SAVEPOINT_PATH)) {
            return;
        }
        Optional<Path> latest = RetainedCheckpoints.latest(checkpointDir);
        if (latest.isPresent()) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, latest.get().toUri().toString());
            System.err.println("Resuming from checkpoint " + latest.get());
        } else {
            System.err.println("No checkpoint in " + checkpointDir + " yet: starting fresh.");
        }
    }

    static Source<EcsDocument, ?, ?> kafkaSource(String bootstrap, String group) {
        return AuditJob.kafkaSource(
                bootstrap,
                group,
                OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
    }
}
