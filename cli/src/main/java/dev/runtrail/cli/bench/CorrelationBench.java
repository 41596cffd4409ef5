package dev.runtrail.cli.bench;

import dev.runtrail.correlate.CorrelatedStreams;
import dev.runtrail.correlate.Correlation;
import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.flink.EcsDocumentSerializer;
import dev.runtrail.ingest.flink.EcsDocumentTypeInfo;
import dev.runtrail.ingest.flink.ParsedFileFormat;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code runtrail bench correlation}: correlation alone. A scenario is parsed once into memory and
 * sorted by time; the job replays it (each copy shifted in time by whole days) through {@link
 * Correlation#apply} into a discarding sink, in streaming mode with watermarks, so state is built
 * and released as in a live run. Heap after a full GC is sampled at intervals to show whether state
 * stays flat.
 */
@Command(
        name = "correlation",
        description = {
            "Correlation alone on pre-parsed events (no parsing, no sinks): events/s and heap after"
                    + " GC over the run."
        })
final class CorrelationBench implements Callable<Integer> {
    @Option(
            names = "--events",
            defaultValue = "1000000",
            description = "Events to feed (default: ${DEFAULT-VALUE}).")
    long events;

    @Option(
            names = "--distinct",
            defaultValue = "200000",
            description =
                    "About how many events to generate and hold in memory; longer runs replay"
                            + " them shifted in time (default: ${DEFAULT-VALUE}).")
    long distinct;

    @Option(names = "--seed", defaultValue = "7", description = "Scenario seed.")
    long seed;

    @Option(names = "--scale", defaultValue = "1.0", description = "Scenario scale.")
    double scale;

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Correlation parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--feed-parallelism",
            defaultValue = "1",
            description =
                    "Replay subtasks (default: ${DEFAULT-VALUE}); 0 = the correlation"
                            + " parallelism, as in the audit job where the router runs at its"
                            + " source's parallelism. Subtasks take turns in time order (subtask i"
                            + " replays events i, i+n, ...). Two cost about a tenth more CPU per"
                            + " event here than one.")
    int feedParallelism;

    @Option(
            names = "--feed-only",
            description =
                    "No correlation: the replay straight into a discarding sink, to measure what"
                            + " feeding the events costs by itself.")
    boolean feedOnly;

    @Option(
            names = "--sink-per-output",
            description =
                    "A discarding sink chained to each correlation output instead of one sink on"
                            + " their union (which costs every document one more network hop).")
    boolean sinkPerOutput;

    @Option(
            names = "--sample-seconds",
            defaultValue = "10",
            description = "Interval of the heap-after-GC samples (default: ${DEFAULT-VALUE}).")
    int sampleSeconds;

    /** Events fed so far by the replay function (it runs in this JVM's MiniCluster). */
    static final LongAdder FED = new LongAdder();

    /**
     * Pre-parsed inputs by run key, each document serialized as Flink ships it: the replay function
     * finds them here instead of shipping them in the job graph, and reads fresh documents from
     * them as a source reading from a topic or a network buffer would.
     */
    static final Map<String, List<byte[]>> INPUTS = new ConcurrentHashMap<>();

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        List<EcsDocument> docs;
        try (ScenarioInput input =
                ScenarioInput.generate(Math.min(events, distinct), seed, scale, System.err)) {
            docs = load(input.dir());
        }
        Duration period =
                TimeShift.period(
                        Duration.between(
                                docs.get(0).timestamp(), docs.get(docs.size() - 1).timestamp()));
        String key = "run-" + System.nanoTime();
        INPUTS.put(key, serialized(docs));
        int distinctEvents = docs.size();
        docs = null; // only the serialized form is replayed
        FED.reset();
        ResourceMeter meter = null;
        try {
            System.gc();
            long baseline = heapUsed();
            out.printf(
                    Locale.ROOT,
                    "correlation: %d events in memory (heap after GC with them loaded %d MB),"
                            + " replayed %s apart, %d events to feed, parallelism %d, %d feeding"
                            + " subtask(s), %s%n",
                    distinctEvents,
                    baseline >> 20,
                    period,
                    events,
                    parallelism,
                    feedParallelism > 0 ? feedParallelism : parallelism,
                    feedOnly
                            ? "feed only, no correlation"
                            : sinkPerOutput
                                    ? "a sink chained to each output"
                                    : "one sink on the union");
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
            env.setParallelism(parallelism);
            // As in the audit job (AuditJob.build): chained operators hand documents on without
            // copying them. Without it every event was copied twice on the replay thread alone.
            env.getConfig().enableObjectReuse();
            CorrelationSettings settings = CorrelationSettings.from(new Configuration());
            int feeders = feedParallelism > 0 ? feedParallelism : parallelism;
            DataStream<EcsDocument> replay =
                    env.fromSequence(0, events - 1)
                            .setParallelism(feeders)
                            .name("sequence")
                            .map(new Replay(key, distinctEvents, period))
                            .setParallelism(feeders)
                            .returns(EcsDocumentTypeInfo.INSTANCE)
                            .name("replay");
            CorrelatedStreams correlated = feedOnly ? null : Correlation.apply(replay, settings);
            if (feedOnly) {
                replay.sinkTo(new DiscardingSink<>()).setParallelism(feeders).name("discard");
            } else if (sinkPerOutput) {
                for (DataStream<EcsDocument> output : correlated.outputs()) {
                    output.sinkTo(new DiscardingSink<>())
                            .setParallelism(output.getParallelism())
                            .name("discard");
                }
            } else {
                correlated.all().sinkTo(new DiscardingSink<>()).name("discard");
            }
            meter = ResourceMeter.start(0);
            long start = System.nanoTime();
            CompletableFuture<JobExecutionResult> result =
                    env.executeAsync("runtrail bench correlation").getJobExecutionResult();
            long lastFed = 0;
            long lastNanos = start;
            long gcNanos = 0;
            double gcCpuSeconds = 0;
            ProcStat lastCpu = ProcStat.read(ProcessHandle.current().pid());
            while (true) {
                try {
                    result.get(sampleSeconds, TimeUnit.SECONDS);
                    break;
                } catch (TimeoutException e) {
                    long fed = FED.sum();
                    long now = System.nanoTime();
                    // The forced full GC stops the job; its wall and CPU time are the sampling's
                    // cost, reported apart from the job's.
                    ProcStat beforeGc = ProcStat.read(ProcessHandle.current().pid());
                    System.gc();
                    gcNanos += System.nanoTime() - now;
                    ProcStat afterGc = ProcStat.read(ProcessHandle.current().pid());
                    gcCpuSeconds += afterGc.cpuSecondsSince(beforeGc);
                    double intervalCpu = beforeGc.cpuSecondsSince(lastCpu);
                    out.printf(
                            Locale.ROOT,
                            "  t=%5.0f s fed %,d events (%.0f/s in this interval, %.0f per CPU"
                                    + " second), heap after GC %d MB%n",
                            (now - start) / 1e9,
                            fed,
                            (fed - lastFed) / ((now - lastNanos) / 1e9),
                            intervalCpu > 0 ? (fed - lastFed) / intervalCpu : 0.0,
                            heapUsed() >> 20);
                    lastFed = fed;
                    lastCpu = afterGc;
                    lastNanos = System.nanoTime();
                }
            }
            ResourceMeter.Result cost = meter.stop();
            System.gc();
            out.printf(
                    Locale.ROOT,
                    "%.0f events/s through correlation (%d events, wall time incl. job start;"
                            + " the forced GCs of the samples are included); heap after GC at the"
                            + " end %d MB%n",
                    events / cost.seconds(),
                    events,
                    heapUsed() >> 20);
            cost.print(out);
            double jobSeconds = cost.seconds() - gcNanos / 1e9;
            double jobCpu = cost.jvmCpuSeconds() - gcCpuSeconds;
            out.printf(
                    Locale.ROOT,
                    "without the forced GCs of the samples (%.2f s wall, %.2f s CPU): %.0f events/s"
                            + " wall, %.0f events per CPU second (%.2f s CPU)%n",
                    gcNanos / 1e9,
                    gcCpuSeconds,
                    events / jobSeconds,
                    events / jobCpu,
                    jobCpu);
            double gcCpu = ThreadCpu.Kind.GC.seconds(cost.cpuByThread());
            double jitCpu = ThreadCpu.Kind.JIT.seconds(cost.cpuByThread());
            double workCpu = cost.jvmCpuSeconds() - gcCpu - jitCpu;
            out.printf(
                    Locale.ROOT,
                    "CPU by thread kind: garbage collector %.2f s (forced GCs included), JIT"
                            + " compilers %.2f s, the rest (job threads) %.2f s: %.0f events per"
                            + " job-thread CPU second%n",
                    gcCpu,
                    jitCpu,
                    workCpu,
                    events / workCpu);
        } finally {
            if (meter != null) {
                meter.close();
            }
            INPUTS.remove(key);
        }
        return 0;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Parses every file once; sorted by time so the replay is in event-time order. */
    static List<EcsDocument> load(Path dir) throws IOException {
        List<EcsDocument> docs = new ArrayList<>();
        for (Path file : InputFiles.expand(List.of(dir))) {
            try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
                for (Parsed p; (p = reader.next()) != null; ) {
                    EcsDocument doc = ParsedFileFormat.toDocument(p);
                    if (doc.timestamp() != null) {
                        docs.add(doc);
                    }
                }
            }
        }
        docs.sort(Comparator.comparing(EcsDocument::timestamp));
        if (docs.isEmpty()) {
            throw new IOException("The generated scenario in " + dir + " held no timed events.");
        }
        return docs;
    }

    /** Each document in the serializer's form, so the parsed objects can be dropped. */
    private static List<byte[]> serialized(List<EcsDocument> docs) throws IOException {
        EcsDocumentSerializer serializer = new EcsDocumentSerializer();
        DataOutputSerializer out = new DataOutputSerializer(4096);
        List<byte[]> records = new ArrayList<>(docs.size());
        for (EcsDocument doc : docs) {
            out.clear();
            serializer.serialize(doc, out);
            records.add(out.getCopyOfBuffer());
        }
        return records;
    }

    /**
     * The n-th call of subtask i of p → event i + n·p of the replay (the sequence numbers only
     * count: each subtask reads one contiguous split of them), shifted by its copy's period. So
     * several subtasks feed the events in one time order between them, as several source readers
     * would, instead of one replaying the first half and one the second.
     */
    static final class Replay extends RichMapFunction<Long, EcsDocument> {
        private static final long serialVersionUID = 1L;
        private final String key;
        private final int size;
        private final Duration period;
        private transient List<byte[]> records;
        private transient EcsDocumentSerializer serializer;
        private transient DataInputDeserializer input;
        private transient long next;
        private transient long stride;
        private transient long shiftedCopy;
        private transient Duration shift;
        private transient String suffix;

        Replay(String key, int size, Duration period) {
            this.key = key;
            this.size = size;
            this.period = period;
        }

        @Override
        public void open(OpenContext openContext) {
            records = INPUTS.get(key);
            serializer = new EcsDocumentSerializer();
            input = new DataInputDeserializer();
            next = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask();
            stride = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        }

        @Override
        public EcsDocument map(Long ignored) throws IOException {
            FED.increment();
            // Splits of a sequence differ in length by at most one, so a subtask may count past
            // the end by one turn: it then replays an event of the next copy, still in order.
            long sequence = next;
            next += stride;
            long copy = sequence / size;
            input.setBuffer(records.get((int) (sequence % size)));
            // A fresh document per event, as a source makes. Replaying the parsed objects held in
            // memory cost a cache miss for every field value they spread over the heap: copying
            // one took 3 microseconds, more than correlating it.
            EcsDocument doc = serializer.deserialize(input);
            if (copy == 0) {
                return doc;
            }
            if (copy != shiftedCopy) {
                // Once per copy, not per event: Duration.multipliedBy computes in BigDecimal.
                shiftedCopy = copy;
                shift = period.multipliedBy(copy);
                suffix = "~" + copy;
            }
            TimeShift.shift(doc, shift, suffix);
            return doc;
        }
    }
}
