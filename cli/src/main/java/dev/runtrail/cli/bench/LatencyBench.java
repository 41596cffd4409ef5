package dev.runtrail.cli.bench;

import dev.runtrail.cli.job.AuditJob;
import dev.runtrail.cli.job.JobSettings;
import dev.runtrail.ingest.RawRecords;
import dev.runtrail.ingest.flink.RawKafkaDeserializer;
import dev.runtrail.local.LocalKafka;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.sinks.SinkSettings;
import dev.runtrail.sinks.Sinks;
import dev.runtrail.sinks.elasticsearch.ElasticsearchSinkOptions;
import dev.runtrail.sinks.kafka.KafkaTopics;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code runtrail bench latency}: raw proxy lines produced to Kafka at a steady rate, the streaming
 * job into Elasticsearch, and searches for the newest records; latency = the moment a search first
 * returns a record − the moment it was handed to the producer.
 */
@Command(
        name = "latency",
        description = {
            "Event → searchable latency (p50/p99) at a steady produce rate: Kafka → streaming job"
                    + " → Elasticsearch."
        })
final class LatencyBench implements Callable<Integer> {
    @Option(
            names = "--rate",
            defaultValue = "5000",
            description = "Records/s (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--seconds",
            defaultValue = "60",
            description = "Measured seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup",
            defaultValue = "10",
            description =
                    "Seconds produced at the rate before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--poll-ms",
            defaultValue = "100",
            description = "Search interval; it bounds the resolution (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Option(
            names = "--kafka",
            paramLabel = "BOOTSTRAP",
            description = "Kafka; default: a local broker in this JVM.")
    String bootstrap;

    @Mixin ElasticsearchTarget elasticsearch;

    /** The URL of the node in use, once {@link #call()} has it. */
    private String esUrl;

    /** This run's index prefix and raw topic, once {@link #call()} has them. */
    private String prefix;

    private String topic;

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Operator parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--checkpoint-interval-ms",
            defaultValue = "10000",
            description =
                    "Checkpoint interval as runtrail stream uses it (default: ${DEFAULT-VALUE}).")
    long checkpointMillis;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        LocalKafka kafka = null;
        ElasticsearchTarget.Node es = null;
        JobClient job = null;
        try {
            if (bootstrap == null) {
                kafka = LocalKafka.start();
                bootstrap = kafka.bootstrapServers();
            }
            // the bench's own topic and indices, not the raw topic and indices a real stream job
            // reads and writes on the same broker and node; deleted at the end
            prefix = "runtrail-latency-" + System.currentTimeMillis();
            topic = prefix + ".raw.proxy";
            KafkaTopics.ensure(bootstrap, List.of(topic), Optional.of(2), Duration.ofSeconds(60));
            es = elasticsearch.open();
            esUrl = es.url();
            long measuredEsPid = es.pid();
            job = startJob(prefix);
            awaitRunning(job);
            int total = (int) Math.ceil(rate * (warmup + seconds));
            long firstMeasured = (long) Math.ceil(rate * warmup);
            long[] producedMillis = new long[total];
            long[] searchableMillis = new long[total];
            Arrays.fill(producedMillis, -1);
            try (ResourceMeter meter = ResourceMeter.start(measuredEsPid)) {
                Poller poller =
                        new Poller(
                                new SearchProbe(esUrl, prefix + "-events-*"),
                                searchableMillis,
                                pollMillis);
                Thread pollThread = new Thread(poller, "bench-latency-poller");
                pollThread.setDaemon(true);
                pollThread.start();
                produce(total, producedMillis);
                poller.awaitAll(total, TimeUnit.SECONDS.toMillis(60));
                poller.stop();
                pollThread.join(5_000);
                ResourceMeter.Result cost = meter.stop();
                report(out, producedMillis, searchableMillis, firstMeasured, poller, cost);
                return poller.failure.get() == null ? 0 : 2;
            }
        } finally {
            if (job != null) {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
            if (es != null) {
                if (es.started() == null) {
                    BenchLeftovers.remove(() -> BenchLeftovers.deleteIndices(esUrl, prefix));
                }
                es.close();
            }
            if (kafka != null) {
                kafka.close();
            } else if (topic != null) {
                BenchLeftovers.remove(() -> BenchLeftovers.deleteTopics(bootstrap, topic));
            }
        }
    }

    private JobClient startJob(String indexPrefix) throws Exception {
        Configuration conf = new Configuration();
        conf.set(ElasticsearchSinkOptions.HOSTS, List.of(esUrl));
        conf.set(ElasticsearchSinkOptions.INDEX_PREFIX, indexPrefix);
        SinkSettings sinks = SinkSettings.from(conf);
        JobSettings settings = JobSettings.files(List.of(), null, parallelism);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(checkpointMillis, CheckpointingMode.EXACTLY_ONCE);
        KafkaSource<EcsDocument> source =
                KafkaSource.<EcsDocument>builder()
                        .setBootstrapServers(bootstrap)
                        .setTopics(topic)
                        .setGroupId(indexPrefix)
                        .setStartingOffsets(OffsetsInitializer.earliest())
                        .setDeserializer(new RawKafkaDeserializer())
                        .build();
        AuditJob.build(
                env,
                source,
                settings,
                (documents, revisions) -> Sinks.attach(documents, sinks, revisions));
        return env.executeAsync("runtrail bench latency");
    }

    private static void awaitRunning(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (job.getJobStatus().get() != JobStatus.RUNNING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "The streaming job did not reach RUNNING in 120 s.");
            }
            Thread.sleep(100);
        }
    }

    private void produce(int total, long[] producedMillis) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        byte[] format = ProxyLines.FORMAT.getBytes(StandardCharsets.UTF_8);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props)) {
            RatePacer pacer = new RatePacer(rate, System.nanoTime());
            int sent = 0;
            while (sent < total) {
                long due = Math.min(total, pacer.dueAt(System.nanoTime()));
                for (; sent < due; sent++) {
                    long now = System.currentTimeMillis();
                    producedMillis[sent] = now;
                    ProducerRecord<byte[], byte[]> record =
                            new ProducerRecord<>(
                                    topic,
                                    null,
                                    ProxyLines.line(sent, Instant.ofEpochMilli(now))
                                            .getBytes(StandardCharsets.UTF_8));
                    record.headers().add(RawRecords.HEADER_FORMAT, format);
                    producer.send(record);
                }
                long sleepNanos = pacer.waitNanos(sent, System.nanoTime());
                if (sleepNanos > 0) {
                    TimeUnit.NANOSECONDS.sleep(Math.min(sleepNanos, 1_000_000));
                }
            }
            producer.flush();
        }
    }

    private void report(
            PrintStream out,
            long[] produced,
            long[] searchable,
            long firstMeasured,
            Poller poller,
            ResourceMeter.Result cost) {
        long[] latencies = new long[produced.length];
        int n = 0;
        int missing = 0;
        for (int i = (int) firstMeasured; i < produced.length; i++) {
            if (searchable[i] > 0) {
                latencies[n++] = searchable[i] - produced[i];
            } else {
                missing++;
            }
        }
        out.printf(
                Locale.ROOT,
                "latency Kafka → job → Elasticsearch at %.0f records/s for %d s (after %d s"
                        + " warm-up), parallelism %d, search every %d ms%n",
                rate,
                seconds,
                warmup,
                parallelism,
                pollMillis);
        if (n == 0) {
            out.println("no measured record became searchable" + poller.failureText());
        } else {
            Percentiles p = new Percentiles(Arrays.copyOf(latencies, n));
            out.printf(
                    Locale.ROOT,
                    "searchable %d of %d measured records (%d never seen); p50 %d ms, p90 %d ms,"
                            + " p99 %d ms, max %d ms%s%n",
                    n,
                    n + missing,
                    missing,
                    p.at(50),
                    p.at(90),
                    p.at(99),
                    p.max(),
                    poller.failureText());
        }
        cost.print(out);
    }

    /** Polls Elasticsearch and stamps the first moment each sequence number is visible. */
    static final class Poller implements Runnable {
        private final SearchProbe probe;
        private final long[] searchableMillis;
        private final long pollMillis;
        private final BitSet seen = new BitSet();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private volatile boolean running = true;

        Poller(SearchProbe probe, long[] searchableMillis, long pollMillis) {
            this.probe = probe;
            this.searchableMillis = searchableMillis;
            this.pollMillis = pollMillis;
        }

        @Override
        public void run() {
            while (running) {
                try {
                    long low;
                    synchronized (seen) {
                        low = seen.nextClearBit(0);
                    }
                    List<Long> visible = probe.visibleFrom(low);
                    long now = System.currentTimeMillis();
                    synchronized (seen) {
                        for (long s : visible) {
                            int i = (int) s;
                            if (i < searchableMillis.length && !seen.get(i)) {
                                seen.set(i);
                                searchableMillis[i] = now;
                            }
                        }
                        seen.notifyAll();
                    }
                    Thread.sleep(pollMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    try {
                        Thread.sleep(pollMillis);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }

        void awaitAll(int total, long timeoutMillis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + timeoutMillis;
            synchronized (seen) {
                while (seen.cardinality() < total) {
                    long left = deadline - System.currentTimeMillis();
                    if (left <= 0) {
                        return;
                    }
                    seen.wait(Math.min(left, 1_000));
                }
            }
        }

        void stop() {
            running = false;
        }

        String failureText() {
            Exception e = failure.get();
            return e == null ? "" : " (a search failed: " + e.getMessage() + ")";
        }
    }
}
