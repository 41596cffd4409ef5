package dev.runtrail.ingest;

import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Raw records that travel one by one (Kafka) rather than as files. Each carries where it came from
 * — the file path and byte offset it had there, and its format — so that parsing it alone gives the
 * same events, positions and ids as reading the file.
 */
public final class RawRecords {
    /** Kafka header: the path of the file the record was read from. */
    public static final String HEADER_PATH = "runtrail.path";

    /** Kafka header: the record's byte offset in that file, decimal. */
    public static final String HEADER_OFFSET = "runtrail.offset";

    /** Kafka header: the name of the record's format. */
    public static final String HEADER_FORMAT = "runtrail.format";

    /** Topic prefix of the raw topics, one per source family. */
    public static final String RAW_TOPIC_PREFIX = "runtrail.raw.";

    private RawRecords() {}

    /**
     * Parses one raw record.
     *
     * @param source identity of the original source (file path, or topic/partition)
     * @param path the original path (formats derive identity from it), or a topic name
     * @param offset byte offset of the record in its original source
     * @param formatName the record's format, or null to detect it from the path and bytes
     */
    public static List<Parsed> parse(
            SourceRef source, String path, long offset, String formatName, byte[] bytes)
            throws IOException {
        InputSource input =
                new InputSource(
                        source,
                        path,
                        bytes.length,
                        () -> new java.io.ByteArrayInputStream(bytes),
                        offset);
        List<Parsed> out = new ArrayList<>(1);
        try (RecordReader reader = FileParser.open(input, formatName)) {
            for (Parsed p; (p = reader.next()) != null; ) {
                out.add(p);
            }
        }
        return out;
    }

    /** The raw topic for events of a dataset: {@code airflow.*} → {@code runtrail.raw.airflow}. */
    public static String topicFor(String dataset) {
        String family = dataset == null ? "unknown" : dataset.toLowerCase(Locale.ROOT);
        int dot = family.indexOf('.');
        return RAW_TOPIC_PREFIX + (dot > 0 ? family.substring(0, dot) : family);
    }
}
