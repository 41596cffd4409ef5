package dev.runtrail.ingest.flink;

import dev.runtrail.ingest.RawRecords;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Parses raw records from the {@code runtrail.raw.*} topics. Records shipped by {@code runtrail
 * ship} carry their file path, offset and format in headers, and get the same ids as a direct file
 * read; records without headers are identified by topic, partition and offset. A record that cannot
 * be parsed becomes a dead letter naming its topic, partition and offset.
 */
public final class RawKafkaDeserializer implements KafkaRecordDeserializationSchema<EcsDocument> {
    private static final long serialVersionUID = 1L;

    /**
     * The path header of the last record and what was made of it. A file's records follow each
     * other in a partition, so most records name the path of the one before; reusing its string
     * (rather than a new one per record) also lets the steps after, which remember the last value
     * they saw by identity (the path templates' match, the redactor's clean values), skip it.
     */
    private transient byte[] lastPathBytes;

    private transient String lastPath;
    private transient SourceRef lastSource;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<EcsDocument> out)
            throws IOException {
        // one pass over the headers (a lookup by name decodes keys from the last one back)
        String path = null;
        SourceRef source = null;
        String offsetText = null;
        String format = null;
        for (Header header : record.headers()) {
            switch (header.key()) {
                case RawRecords.HEADER_PATH -> {
                    byte[] bytes = header.value();
                    if (bytes == null) {
                        path = null;
                        source = null;
                    } else {
                        if (!Arrays.equals(bytes, lastPathBytes)) {
                            lastPathBytes = bytes;
                            lastPath = new String(bytes, StandardCharsets.UTF_8);
                            lastSource = SourceRef.of(lastPath);
                        }
                        path = lastPath;
                        source = lastSource;
                    }
                }
                case RawRecords.HEADER_OFFSET -> offsetText = text(header);
                case RawRecords.HEADER_FORMAT -> format = text(header);
                default -> {}
            }
        }
        if (source == null) {
            String kafkaPosition = record.topic() + "/" + record.partition();
            source = new SourceRef(kafkaPosition, "kafka:" + kafkaPosition);
        }
        long offset = record.offset();
        if (offsetText != null) {
            try {
                offset = Long.parseLong(offsetText);
            } catch (NumberFormatException e) {
                out.collect(
                        deadLetter(
                                record,
                                source,
                                "Header "
                                        + RawRecords.HEADER_OFFSET
                                        + " must be a decimal byte offset, found '"
                                        + offsetText
                                        + "'."));
                return;
            }
        }
        byte[] value = record.value() == null ? new byte[0] : record.value();
        IngestProgress.add(value.length, 1);
        try {
            for (Parsed parsed :
                    RawRecords.parse(
                            source, path != null ? path : record.topic(), offset, format, value)) {
                out.collect(ParsedFileFormat.toDocument(parsed));
            }
        } catch (IllegalArgumentException e) {
            out.collect(deadLetter(record, source, e.getMessage()));
        }
    }

    private static EcsDocument deadLetter(
            ConsumerRecord<byte[], byte[]> record, SourceRef source, String reason) {
        byte[] value = record.value() == null ? new byte[0] : record.value();
        DeadLetter letter =
                new DeadLetter(
                        source,
                        record.offset(),
                        0,
                        "kafka-offset",
                        "kafka",
                        reason
                                + " ("
                                + record.topic()
                                + "/"
                                + record.partition()
                                + " offset "
                                + record.offset()
                                + ")",
                        value,
                        value.length,
                        dev.runtrail.model.Hashing.sha256Hex(value));
        return ParsedFileFormat.toDocument(letter);
    }

    private static String text(Header header) {
        return header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public TypeInformation<EcsDocument> getProducedType() {
        return EcsDocumentTypeInfo.INSTANCE;
    }
}
