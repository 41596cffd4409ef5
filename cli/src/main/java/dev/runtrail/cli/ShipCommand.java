package dev.runtrail.cli;

import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RawRecords;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runtrail ship}: puts raw records from files onto the {@code runtrail.raw.*} topics, one
 * Kafka record per raw record, with the file path, byte offset and format in headers, so that the
 * streaming job produces the same events and ids as a file import.
 */
@Command(
        name = "ship",
        description = {
            "Put raw records from files onto Kafka (runtrail.raw.airflow, .windows, .proxy).",
            "Each record keeps its file path, byte offset and format in headers. EVTX records are"
                    + " shipped as their rendered event XML."
        })
final class ShipCommand implements Callable<Integer> {
    /** Format under which rendered EVTX records travel. */
    static final String XML_FORMAT = "windows-xml";

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
    List<Path> paths;

    @Option(
            names = "--kafka",
            required = true,
            paramLabel = "BOOTSTRAP",
            description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(
            names = "--format",
            paramLabel = "NAME",
            description = "Force this format for every file.")
    String format;

    @Override
    public Integer call() throws Exception {
        List<Path> files = InputFiles.expand(paths);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        long sent = 0;
        AtomicReference<Exception> failure = new AtomicReference<>();
        Progress progress = new Progress(System.err, InputFiles.totalBytes(files));
        long doneBytes = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
            for (Path file : files) {
                InputSource input = InputSource.of(file);
                String detected =
                        format != null
                                ? format
                                : Formats.detect(input).map(f -> f.name()).orElse(null);
                try (RecordReader reader = FileParser.open(input, format)) {
                    for (Parsed parsed; (parsed = reader.next()) != null; ) {
                        ProducerRecord<String, byte[]> record = toRecord(input, detected, parsed);
                        producer.send(
                                record,
                                (meta, e) -> {
                                    if (e != null) {
                                        failure.compareAndSet(null, e);
                                    }
                                });
                        sent++;
                        progress.update(doneBytes + reader.bytesRead(), sent);
                    }
                    doneBytes += reader.bytesRead();
                }
                if (failure.get() != null) {
                    break;
                }
            }
            producer.flush();
        }
        progress.finish();
        if (failure.get() != null) {
            System.err.println(
                    "runtrail ship: sending to "
                            + bootstrap
                            + " failed: "
                            + failure.get().getMessage());
            return ExitCodes.IO;
        }
        System.err.println(
                "shipped " + sent + " records from " + files.size() + " files to " + bootstrap);
        return ExitCodes.OK;
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
