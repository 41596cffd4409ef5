package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Chooses how to read an Airflow REST API export: as JSON lines when its first line is one whole
 * record (a dead letter per bad line, reading resumes at the next line), else as whole JSON
 * documents streamed element by element ({@link JsonDocumentReader}).
 */
final class ApiJson {
    private static final int FIRST_LINE_LIMIT = 1 << 20;

    private ApiJson() {}

    static RecordReader open(
            InputSource input,
            String format,
            String dataset,
            Set<String> listKeys,
            JsonRecordMapper mapper,
            String expected)
            throws IOException {
        if (firstLineIsOneRecord(input, listKeys)) {
            return new LineRecordReader(
                    input,
                    new JsonLineParser(mapper, input.ref(), format, expected + " per line"),
                    format,
                    dataset);
        }
        return new JsonDocumentReader(input, format, dataset, listKeys, mapper, expected);
    }

    private static boolean firstLineIsOneRecord(InputSource input, Set<String> listKeys)
            throws IOException {
        byte[] head;
        try (InputStream in = input.open()) {
            head = in.readNBytes(FIRST_LINE_LIMIT);
        }
        String first = Sniff.firstLine(head);
        if (!first.startsWith("{") || !first.endsWith("}")) {
            return false;
        }
        try {
            JsonNode node = JsonFields.MAPPER.readTree(first.getBytes(StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                return false;
            }
            for (String key : listKeys) {
                if (node.path(key).isArray()) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
