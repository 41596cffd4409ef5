package dev.runtrail.cli.bench;

import dev.runtrail.cli.RuntrailConfig;
import dev.runtrail.cli.job.AuditJob;
import dev.runtrail.cli.job.JobSettings;
import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.cli.job.RawShipper;
import dev.runtrail.cli.job.Shipped;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.local.LocalKafka;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.sinks.SinkSettings;
import dev.runtrail.sinks.Sinks;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import dev.runtrail.sinks.kafka.KafkaSinkOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code runtrail bench throughput}: generated scenario files → parse → (correlation) → one sink,
 * as a bounded batch-mode run on the in-process MiniCluster, the way {@code runtrail run} does it.
 */
@Command(
        name = "throughput",
        description = {
            "Source events/s end to end: scenario files → parse → correlation → NDJSON files,"
                    + " Elasticsearch or Kafka."
        })
final class ThroughputBench implements Callable<Integer> {
    @Spec CommandSpec spec;

    enum SinkKind {
        ndjson,
        es,
        kafka
    }

    @Option(
            names = "--sink",
            required = true,
            description =
                    "ndjson, es or kafka. Each run's output (its files, its indices and templates,"
                            + " or its topics) is deleted once the run is measured.")
    SinkKind sink;

    @Mixin ScenarioOptions scenario;

    @Mixin ElasticsearchTarget elasticsearch;

    enum SourceKind {
        files,
        kafka
    }

    @Option(
            names = "--source",
            defaultValue = "files",
            description =
                    "files (default), or kafka: ship the input onto the raw topics of the local"
                            + " broker first (not timed), then run the streaming job over them to"
                            + " the offsets they had when it started.")
    SourceKind source;

    @Option(
            names = "--kafka-out",
            paramLabel = "BOOTSTRAP",
            description = "Kafka to write to; without it a local broker starts in this JVM.")
    String kafkaOut;

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Operator parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--raw-partitions",
            paramLabel = "N",
            description =
                    "With --source kafka: partitions of each raw topic (default: the"
                            + " parallelism). Records keep their host or DAG key, so with few keys"
                            + " the partitions, and the source readers, get unequal shares; more"
                            + " partitions than readers even that out.")
    Integer rawPartitions;

    @Option(
            names = "--no-correlation",
            description = "Measure ingest alone: source → count → sink, without correlation.")
    boolean noCorrelation;

    @Option(
            names = "--warmup",
            defaultValue = "0",
            description =
                    "Untimed runs of the same job before the timed one, in the same JVM (default:"
                            + " ${DEFAULT-VALUE}). A short cold run spends much of its CPU in the"
                            + " JIT compiler; a long-running task manager does not. Warm-up runs"
                            + " write to their own directory, index prefix or topics.")
    int warmup;

    @Option(
            names = "--one-cluster",
            description =
                    "Run every job of this invocation (warm-up and timed) on one MiniCluster started"
                            + " once, as jobs share a long-running task manager; without it each"
                            + " run starts its own, as 'runtrail run' does.")
    boolean oneCluster;

    @Option(
            names = "--runs",
            defaultValue = "1",
            description =
                    "Timed runs after the warm-up, each reported, then their median (default:"
                            + " ${DEFAULT-VALUE}). On a shared host one run can be off by a third;"
                            + " compare medians of several.")
    int runs;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description =
                    "A sink option for the measured job, repeatable, e.g. --set"
                            + " runtrail.es.max-in-flight=4 --set runtrail.es.bulk.max-actions=2000"
                            + " (keys of ElasticsearchSinkOptions, KafkaSinkOptions), so that"
                            + " tuning is measured run against run.")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The keys {@code --set} accepts: the sink options runtrail declares. */
    static Set<String> sinkOptionKeys() {
        Set<String> keys = new TreeSet<>();
        for (String key : RuntrailConfig.keys()) {
            if (key.startsWith("runtrail.es.")
                    || key.startsWith("runtrail.kafka.")
                    || key.equals(SinkSettings.NDJSON_DIR.key())) {
                keys.add(key);
            }
        }
        return keys;
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        if (runs < 1) {
            throw new ParameterException(
                    spec.commandLine(), "--runs " + runs + ": expected at least one timed run.");
        }
        Set<String> known = sinkOptionKeys();
        for (String key : overrides.keySet()) {
            if (!known.contains(key)) {
                throw new ParameterException(
                        spec.commandLine(),
                        "--set " + key + ": not a sink option; expected one of " + known + ".");
            }
        }
        try (ScenarioInput input = scenario.open(System.err)) {
            ElasticsearchTarget.Node es = null;
            LocalKafka kafka = null;
            MiniCluster cluster = null;
            List<Path> ndjsonDirs = new java.util.ArrayList<>();
            long[] netRates = new long[runs];
            long measuredEsPid = 0;
            try {
                String esTarget = null;
                String kafkaTarget = null;
                switch (sink) {
                    case ndjson -> {}
                    case es -> {
                        es = elasticsearch.open();
                        esTarget = es.url();
                        measuredEsPid = es.pid();
                    }
                    case kafka -> {
                        kafkaTarget = kafkaOut;
                        if (kafkaTarget == null) {
                            kafka = LocalKafka.start();
                            kafkaTarget = kafka.bootstrapServers();
                        }
                    }
                }
                JobSettings settings =
                        JobSettings.files(List.of(input.dir().toString()), null, parallelism)
                                .withCorrelation(!noCorrelation);
                String bootstrapIn = null;
                if (source == SourceKind.kafka) {
                    if (kafka == null) {
                        kafka = LocalKafka.start();
                    }
                    bootstrapIn = kafka.bootstrapServers();
                    // by default one partition per source reader (ship would create them with the
                    // broker's default)
                    kafka.createTopics(
                            rawPartitions == null ? parallelism : rawPartitions,
                            RawShipper.rawTopics().toArray(String[]::new));
                    long t0 = System.nanoTime();
                    Shipped shipped =
                            RawShipper.ship(
                                    InputFiles.expand(List.of(input.dir())),
                                    bootstrapIn,
                                    null,
                                    (bytes, n) -> {});
                    System.err.printf(
                            Locale.ROOT,
                            "shipped %d raw records to %s in %.1f s (not timed)%n",
                            shipped.total(),
                            bootstrapIn,
                            (System.nanoTime() - t0) / 1e9);
                    shipped.describe().forEach(line -> System.err.println("  " + line));
                }
                if (oneCluster) {
                    cluster = startCluster(parallelism);
                }
                for (int round = 0; round < warmup + runs; round++) {
                    String run = System.currentTimeMillis() + "-" + round;
                    Configuration conf = new Configuration();
                    Path outDir = null;
                    switch (sink) {
                        case ndjson -> {
                            outDir = Files.createTempDirectory("runtrail-bench-out-");
                            ndjsonDirs.add(outDir);
                            conf.set(SinkSettings.NDJSON_DIR, outDir.toString());
                        }
                        case es -> {
                            conf.set(ElasticsearchSinkOptions.HOSTS, List.of(esTarget));
                            conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, indexPrefix(run));
                        }
                        case kafka -> {
                            conf.set(KafkaSinkOptions.BOOTSTRAP_SERVERS, kafkaTarget);
                            conf.set(KafkaSinkOptions.TOPIC_PREFIX, topicPrefix(run));
                        }
                    }
                    overrides.forEach(conf::setString);
                    SinkSettings sinks = SinkSettings.from(conf);
                    StreamExecutionEnvironment env;
                    Source<EcsDocument, ?, ?> records;
                    if (source == SourceKind.kafka) {
                        env = StreamExecutionEnvironment.getExecutionEnvironment();
                        records =
                                AuditJob.boundedKafkaSource(
                                        bootstrapIn, "bench-" + run, OffsetsInitializer.earliest());
                    } else {
                        env = AuditJob.boundedEnvironment();
                        records = AuditJob.fileSource(settings);
                    }
                    AuditJob.build(
                            env,
                            records,
                            settings,
                            (documents, revisions) -> Sinks.attach(documents, sinks, revisions));
                    if (round < warmup) {
                        long t0 = System.nanoTime();
                        JobSummary warm =
                                JobSummary.of(execute(env, "runtrail bench warm-up", cluster));
                        System.err.printf(
                                Locale.ROOT,
                                "warm-up run %d of %d: %d records in %.1f s (not timed)%n",
                                round + 1,
                                warmup,
                                warm.read(),
                                (System.nanoTime() - t0) / 1e9);
                        dropOutput(outDir, ndjsonDirs);
                        dropWritten(esTarget, kafkaTarget, run);
                        continue;
                    }
                    try (ResourceMeter meter = ResourceMeter.start(measuredEsPid);
                            ReadClock clock = new ReadClock()) {
                        JobSummary summary =
                                JobSummary.of(execute(env, "runtrail bench throughput", cluster));
                        ResourceMeter.Result cost = meter.stop();
                        report(out, summary, cost, round);
                        netRates[round - warmup] = Math.round(summary.readPerSecond());
                        out.printf(
                                Locale.ROOT,
                                "source read window %.2f s (first to last record read, after"
                                        + " %.2f s start-up): %.0f records/s read%n",
                                clock.readingSeconds(),
                                clock.startupSeconds(),
                                summary.read() / clock.readingSeconds());
                    }
                    dropOutput(outDir, ndjsonDirs);
                    dropWritten(esTarget, kafkaTarget, run);
                }
                if (runs > 1) {
                    // (nearest rank: the median is one of the measured runs)
                    Percentiles rates = new Percentiles(netRates);
                    out.printf(
                            Locale.ROOT,
                            "median of %d timed runs: %d events/s over the job's net runtime"
                                    + " (min %d, max %d)%n",
                            runs,
                            rates.at(50),
                            rates.min(),
                            rates.max());
                }
            } finally {
                if (cluster != null) {
                    cluster.close();
                }
                if (es != null) {
                    es.close();
                }
                if (kafka != null) {
                    kafka.close();
                }
                for (Path dir : ndjsonDirs) {
                    ScenarioInput.deleteTree(dir);
                }
            }
        }
        return 0;
    }

    /**
     * Deletes a finished run's NDJSON files (nothing for other sinks). Kept until the end, the
     * earlier runs' output (about 600 MB a run of scen300) was still being written back to disk
     * during later runs, whose writes then cost several times the CPU: a third to a half of the
     * sink thread. One run of {@code runtrail run} does not start in that state.
     */
    private static void dropOutput(Path dir, List<Path> dirs) throws IOException {
        if (dir != null) {
            ScenarioInput.deleteTree(dir);
            dirs.remove(dir);
        }
    }

    private static String indexPrefix(String run) {
        return "runtrail-bench-" + run;
    }

    private static String topicPrefix(String run) {
        return "bench" + run + ".";
    }

    /**
     * Deletes what a finished run wrote to Elasticsearch (its indices and templates) or Kafka (its
     * topics), so that runs do not pile up on a node or broker given by {@code --es} or {@code
     * --kafka-out}, nor on a throw-away one while later runs are measured.
     */
    private void dropWritten(String esTarget, String kafkaTarget, String run) {
        switch (sink) {
            case es ->
                    BenchLeftovers.remove(
                            () -> BenchLeftovers.deleteIndices(esTarget, indexPrefix(run)));
            case kafka ->
                    BenchLeftovers.remove(
                            () -> BenchLeftovers.deleteTopics(kafkaTarget, topicPrefix(run)));
            case ndjson -> {}
        }
    }

    /**
     * A MiniCluster with one task manager and a slot per subtask, configured like the one a bounded
     * environment starts for itself.
     */
    private static MiniCluster startCluster(int parallelism) throws Exception {
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(
                                        AuditJob.localClusterSettings(new Configuration()))
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(parallelism)
                                .build());
        cluster.start();
        return cluster;
    }

    /** Runs the job on a cluster of its own, or on {@code cluster} when there is one. */
    private static JobExecutionResult execute(
            StreamExecutionEnvironment env, String name, MiniCluster cluster) throws Exception {
        if (cluster == null) {
            return env.execute(name);
        }
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        return cluster.executeJobBlocking(graph.getJobGraph());
    }

    /**
     * @param before runs of the same job earlier in this JVM (warm-up and timed)
     */
    private void report(
            PrintStream out, JobSummary summary, ResourceMeter.Result cost, int before) {
        long documents = 0;
        for (Kind kind : Kind.values()) {
            documents += summary.written(kind);
        }
        out.printf(
                Locale.ROOT,
                "throughput %s → %s%s, parallelism %d%s: read %d (events %d, dead letters %d),"
                        + " wrote %d documents%n",
                source,
                sink,
                noCorrelation ? " (no correlation)" : " (with correlation)",
                parallelism,
                before > 0 ? ", after " + before + " earlier run(s) in this JVM" : ", cold JVM",
                summary.read(),
                summary.events(),
                summary.deadLetters(),
                documents);
        out.printf(
                Locale.ROOT,
                "%.0f source events/s over the wall time (MiniCluster start included);"
                        + " %.0f events/s over the job's net runtime %.2f s%n",
                summary.read() / cost.seconds(),
                summary.readPerSecond(),
                summary.seconds());
        cost.print(out);
    }
}
