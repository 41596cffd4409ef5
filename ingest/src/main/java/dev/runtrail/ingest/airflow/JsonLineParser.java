package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.text.LineParser;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;

/**
 * One JSON object per line, mapped by a {@link JsonRecordMapper}; anything else is dead-lettered.
 */
final class JsonLineParser implements LineParser {
    private final JsonRecordMapper mapper;
    private final SourceRef source;
    private final String format;
    private final String expected;

    /**
     * @param expected what a line should be, for dead-letter reasons (e.g. "an Airflow 3 structlog
     *     JSON object")
     */
    JsonLineParser(JsonRecordMapper mapper, SourceRef source, String format, String expected) {
        this.mapper = mapper;
        this.source = source;
        this.format = format;
        this.expected = expected;
    }

    /** One record per line: no look at the next line, and the parse keeps no line bytes. */
    @Override
    public final boolean oneLinePerRecord() {
        return true;
    }

    @Override
    public Parsed parse(String text, Line record) {
        JsonNode node;
        try {
            node = JsonFields.MAPPER.readTree(record.buffer(), record.start(), record.size());
        } catch (JacksonException e) {
            return reject(
                    record, expectedButFound("invalid JSON (" + e.getOriginalMessage() + ")"));
        } catch (IOException e) {
            return reject(record, expectedButFound("unreadable JSON (" + e.getMessage() + ")"));
        }
        if (node == null || !node.isObject()) {
            String found = node == null ? "nothing" : "a JSON " + node.getNodeType();
            return reject(record, expectedButFound(found + " instead of an object"));
        }
        try {
            return mapper.map(node);
        } catch (UnmappableRecord e) {
            return reject(record, e.getMessage());
        }
    }

    private String expectedButFound(String found) {
        return "expected " + expected + " but found " + found + ".";
    }

    private DeadLetter reject(Line record, String reason) {
        return DeadLetter.of(
                source,
                record.offset(),
                record.number(),
                format,
                "Line " + record.number() + ": " + reason,
                record.bytes());
    }
}
