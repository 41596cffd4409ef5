package dev.runtrail.cli.job;

import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RawRecords;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.StoredFile;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.sinks.kafka.KafkaTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts raw records of export files onto the raw topics ({@code runtrail.raw.<source>}), one Kafka
 * record per parsed record, with headers (path, byte offset, format) that let the stream job give
 * them the same ids as a direct file read. Used by {@code runtrail ship} and the benchmarks.
 */
public final class RawShipper {
    /** Format under which rendered EVTX records travel. */
    public static final String XML_FORMAT = "windows-xml";

    private RawShipper() {}

    /** Told of the bytes read and records sent so far. */
    @FunctionalInterface
    public interface Progressed {
        void update(long bytes, long records);
    }

    /**
     * Puts the raw records of the files onto the raw topics, with the headers that let the stream
     * job give them the ids of a direct file read.
     *
     * @return the records sent, per partition of each topic
     * @throws IOException when reading a file or sending fails
     */
    public static Shipped ship(
            List<Path> files, String bootstrap, String format, Progressed progress)
            throws IOException {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try {
            // an idempotent producer racing a topic's auto-creation can have its first batches
            // refused as out of sequence
            KafkaTopics.ensure(bootstrap, rawTopics(), Duration.ofSeconds(60));
        } catch (IllegalStateException e) {
            throw new IOException(e.getMessage(), e.getCause());
        }
        long sent = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        // told by the producer's I/O thread where each record went
        Map<TopicPartition, LongAdder> delivered = new ConcurrentHashMap<>();
        SortedMap<String, long[]> byPartition = new TreeMap<>();
        long doneBytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (Path file : files) {
                StoredFile stored = new StoredFile(file);
                InputSource input = stored.input();
                String detected =
                        format != null
                                ? format
                                : Formats.detect(input).map(f -> f.name()).orElse(null);
                // the format just detected (null: none, which FileParser turns into a dead letter)
                try (RecordReader reader = FileParser.open(input, detected)) {
                    for (Parsed parsed; (parsed = reader.next()) != null; ) {
                        ProducerRecord<String, byte[]> record = toRecord(input, detected, parsed);
                        producer.send(
                                record,
                                (meta, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    } else {
                                        delivered
                                                .computeIfAbsent(
                                                        new TopicPartition(
                                                                meta.topic(), meta.partition()),
                                                        tp -> new LongAdder())
                                                .increment();
                                    }
                                });
                        sent++;
                        progress.update(doneBytes + stored.bytesRead(), sent);
                    }
                    doneBytes += stored.size();
                }
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
            // every acknowledgement is in: a row per topic, partitions that got none included
            for (Map.Entry<TopicPartition, LongAdder> d : delivered.entrySet()) {
                String topic = d.getKey().topic();
                long[] counts =
                        byPartition.computeIfAbsent(
                                topic, t -> new long[producer.partitionsFor(t).size()]);
                counts[d.getKey().partition()] = d.getValue().sum();
            }
        }
        if (failure.get() != null) {
            throw new IOException(failure.get().getMessage(), failure.get());
        }
        return new Shipped(byPartition);
    }

    /** The raw topics of every format ({@code runtrail.raw.airflow}, {@code .windows}, ...). */
    public static List<String> rawTopics() {
        return Formats.all().stream()
                .map(f -> RawRecords.topicFor(f.dataset()))
                .distinct()
                .toList();
    }

    private static ProducerRecord<String, byte[]> toRecord(
            InputSource input, String format, Parsed parsed) {
        byte[] value;
        long offset;
        String recordFormat = format;
        String dataset;
        String key;
        if (parsed instanceof EcsDocument event) {
            value = event.getString(Ecs.EVENT_ORIGINAL).getBytes(StandardCharsets.UTF_8);
            offset = event.getLong(Ecs.RUNTRAIL_SOURCE_POSITION);
            dataset = event.getString(Ecs.EVENT_DATASET);
            key =
                    event.has(Ecs.HOST_NAME)
                            ? event.getString(Ecs.HOST_NAME)
                            : event.getString(Ecs.AIRFLOW_DAG_ID);
            if ("evtx".equals(format)) {
                recordFormat = XML_FORMAT;
            }
        } else {
            DeadLetter letter = (DeadLetter) parsed;
            value = letter.raw();
            offset = letter.position();
            dataset =
                    Formats.byName(String.valueOf(format)).map(f -> f.dataset()).orElse("unknown");
            key = null;
        }
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(RawRecords.topicFor(dataset), key, value);
        record.headers().add(RawRecords.HEADER_PATH, input.path().getBytes(StandardCharsets.UTF_8));
        record.headers()
                .add(
                        RawRecords.HEADER_OFFSET,
                        Long.toString(offset).getBytes(StandardCharsets.UTF_8));
        if (recordFormat != null) {
            record.headers()
                    .add(RawRecords.HEADER_FORMAT, recordFormat.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
