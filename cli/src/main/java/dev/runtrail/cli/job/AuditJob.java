package dev.runtrail.cli.job;

import dev.runtrail.correlate.Correlation;
import dev.runtrail.ingest.flink.EcsDocumentTypeInfo;
import dev.runtrail.ingest.flink.LocalFileEnumerator;
import dev.runtrail.ingest.flink.ParsedFileFormat;
import dev.runtrail.ingest.flink.QueuedFileSource;
import dev.runtrail.ingest.flink.RawKafkaDeserializer;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.sinks.Revisions;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * The runtrail job: source (event time) → count → correlation → sinks, or without correlation the
 * ingest stage alone (source → count → sinks). It only wires; the source and the sinks are injected
 * so tests and the CLI choose them.
 */
public final class AuditJob {
    /** Attaches the job's outputs to a stream of documents. */
    @FunctionalInterface
    public interface Outputs {
        /**
         * @param revisions whether an id can arrive again with newer content (correlation output)
         */
        void attach(DataStream<EcsDocument> documents, Revisions revisions);
    }

    private AuditJob() {}

    /** A bounded source over files and directories, parsing each file with its detected format. */
    public static Source<EcsDocument, ?, ?> fileSource(JobSettings settings) {
        return fileSource(settings, null);
    }

    /**
     * A source over files and directories; with a watch interval it keeps looking for new files in
     * the directories (an export folder that receives new exports) and never ends.
     */
    public static Source<EcsDocument, ?, ?> fileSource(
            JobSettings settings, Duration watchInterval) {
        Path[] paths =
                settings.inputs().stream()
                        .map(p -> LocalFileEnumerator.toFlinkPath(new java.io.File(p)))
                        .toArray(Path[]::new);
        ParsedFileFormat format = new ParsedFileFormat(settings.format());
        return watchInterval == null
                ? new QueuedFileSource<>(format, paths)
                : QueuedFileSource.watching(format, paths, watchInterval);
    }

    /**
     * An unbounded source over the raw topics ({@code runtrail.raw.*}), parsing each record with
     * the format named in its headers.
     *
     * @param start where to begin when no checkpoint is restored: {@code runtrail stream} takes the
     *     group's committed offsets (else the earliest); tests start at a timestamp so that records
     *     shipped by earlier tests stay unread
     */
    public static Source<EcsDocument, ?, ?> kafkaSource(
            String bootstrap, String group, OffsetsInitializer start) {
        return kafkaSourceBuilder(bootstrap, group, start).build();
    }

    /**
     * A Kafka source that stops at the offsets the raw topics have when the job starts: a replay of
     * what was shipped, for benchmarks and one-off backfills.
     *
     * <p>Its consumers wait at most {@value #BOUNDED_FETCH_MAX_WAIT_MS} ms for a fetch to fill
     * (Kafka's default is 500 ms). When a reader has read its last offsets, its consumer is closed,
     * and closing sends a request that ends the consumer's fetch session; the broker answers it
     * only after the fetch still parked there (no record will come) has waited out that time. Every
     * bounded job ended 0.47 s after its last record, 15% of a replay of 300,000 records. A
     * consumer that has records to read is answered at once whatever the setting, so it only makes
     * an idle consumer ask more often, which a replay that ends when it has caught up hardly is.
     */
    public static Source<EcsDocument, ?, ?> boundedKafkaSource(
            String bootstrap, String group, OffsetsInitializer start) {
        return kafkaSourceBuilder(bootstrap, group, start)
                .setBounded(OffsetsInitializer.latest())
                .setProperty(
                        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG,
                        Integer.toString(BOUNDED_FETCH_MAX_WAIT_MS))
                .build();
    }

    /** See {@link #boundedKafkaSource}. */
    static final int BOUNDED_FETCH_MAX_WAIT_MS = 100;

    private static KafkaSourceBuilder<EcsDocument> kafkaSourceBuilder(
            String bootstrap, String group, OffsetsInitializer start) {
        return KafkaSource.<EcsDocument>builder()
                .setBootstrapServers(bootstrap)
                .setTopicPattern(Pattern.compile("runtrail\\.raw\\..*"))
                .setGroupId(group)
                .setStartingOffsets(start)
                .setDeserializer(new RawKafkaDeserializer())
                .setProperty("partition.discovery.interval.ms", "10000");
    }

    /**
     * The environment for a bounded run over files. Batch mode: Flink sorts each key's events by
     * time before the correlation operators see them, so the order in which files happen to be read
     * cannot make events late; the graph is the same one the streaming job runs. A source built on
     * Flink's split fetcher threads (Flink's own file source, the Kafka source) can leave finished
     * fetchers parked until its close timeout (30 s by default) when the read ends (FLINK-40660);
     * all input has been consumed by then, so the timeout is short.
     */
    public static StreamExecutionEnvironment boundedEnvironment() {
        return boundedEnvironment(new Configuration());
    }

    /**
     * The settings with the options every local cluster of a bounded run needs: the short source
     * close timeout (see {@link #boundedEnvironment()}), and no delay before the slot manager
     * matches a job's slot requests. That delay (50 ms by default) gathers requirement changes on a
     * cluster of many task managers; the local cluster has one, with a slot for every subtask, and
     * the delay only held up each job's start. A cluster that runs several jobs, such as the
     * benchmark's, needs them in its own configuration.
     */
    public static Configuration localClusterSettings(Configuration settings) {
        Configuration conf = new Configuration(settings);
        conf.set(SourceReaderOptions.SOURCE_READER_CLOSE_TIMEOUT, 1000L);
        conf.set(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY, Duration.ZERO);
        return conf;
    }

    /** {@link #boundedEnvironment()} with these Flink options added (a command's settings). */
    public static StreamExecutionEnvironment boundedEnvironment(Configuration settings) {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(localClusterSettings(settings));
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        return env;
    }

    /** Builds the job graph on the environment. */
    public static void build(
            StreamExecutionEnvironment env,
            Source<EcsDocument, ?, ?> source,
            JobSettings settings,
            Outputs outputs) {
        env.setParallelism(settings.parallelism());
        // Chained operators hand each document on as it is instead of copying it: none keeps a
        // document it also emits, the correlation operators change only documents that reached
        // them over the network (see Correlation), and the sinks only read.
        env.getConfig().enableObjectReuse();
        WatermarkStrategy<EcsDocument> eventTime =
                WatermarkStrategy.<EcsDocument>forBoundedOutOfOrderness(settings.outOfOrderness())
                        .withTimestampAssigner((doc, previous) -> eventTimeMillis(doc, previous))
                        .withIdleness(settings.idleness());
        DataStream<EcsDocument> parsed =
                env.fromSource(source, eventTime, "raw-records", EcsDocumentTypeInfo.INSTANCE)
                        .uid("raw-records")
                        .map(new CountingMap())
                        .returns(EcsDocumentTypeInfo.INSTANCE)
                        .name("count-records")
                        .uid("count-records");
        if (!settings.correlate()) {
            outputs.attach(countDocuments(parsed), Revisions.ONE_PER_ID);
            return;
        }
        outputs.attach(
                countDocuments(Correlation.apply(parsed, settings.correlation()).all()),
                Revisions.MANY_PER_ID);
    }

    private static DataStream<EcsDocument> countDocuments(DataStream<EcsDocument> documents) {
        // Forward from each producing subtask: every revision of a record comes from one subtask
        // of one keyed operator, and must reach the same sink subtask in order, so that in NDJSON
        // output "a later line with the same _id supersedes" holds within one part file. Left
        // unspecified, a bounded (batch) job spread the revisions over the subtasks round robin:
        // all runs and a quarter of the sessions of a test scenario had revisions in both part
        // files, where no line order can tell the latest.
        return documents
                .forward()
                .map(new KindCounter())
                .returns(EcsDocumentTypeInfo.INSTANCE)
                .name("count-documents")
                .uid("count-documents");
    }

    /** Runs a bounded job to the end and returns its summary. */
    public static JobSummary run(
            StreamExecutionEnvironment env,
            Source<EcsDocument, ?, ?> source,
            JobSettings settings,
            Outputs outputs,
            String jobName)
            throws Exception {
        build(env, source, settings, outputs);
        JobExecutionResult result = env.execute(jobName);
        return JobSummary.of(result);
    }

    static long eventTimeMillis(EcsDocument doc, long previous) {
        Instant ts = doc.timestamp();
        return ts != null ? ts.toEpochMilli() : previous;
    }
}
