package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runtrail.ingest.EventStamp;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Streams records out of whole JSON documents such as Airflow REST API responses: a list wrapper
 * ({@code {"dag_runs": [...], "total_entries": N}}) yields one record per element of its list, a
 * top-level array one per element, any other top-level object is itself one record. Several
 * top-level values one after another (pages appended to one file) are read in turn.
 *
 * <p>Positions are byte offsets of the record's first byte ({@code {}) in the input; the record's
 * raw bytes are cut from the input as they stream by. An element that is not an object, or that
 * the mapper rejects, is dead-lettered and reading goes on. Invalid JSON (a truncated response)
 * cannot be resynchronised: the bytes from the start of the record being read to the end of the
 * input become one dead letter, and the reader ends.
 */
final class JsonDocumentReader extends StreamingJsonReader {
    private enum State {
        ROOT,
        WRAPPER,
        LIST_IN_WRAPPER,
        ROOT_ARRAY,
        DONE
    }

    private final String dataset;
    private final Set<String> listKeys;
    private final JsonRecordMapper mapper;

    private State state = State.ROOT;
    private ObjectNode rootFields;
    private long rootStart;
    private long rootLine;
    private boolean rootHadList;
    private String listName;
    private int elementIndex;

    /**
     * @param listKeys names of the list fields of wrapper objects ({@code dag_runs})
     * @param expected what a record is, for dead-letter reasons
     */
    JsonDocumentReader(
            InputSource input,
            String format,
            String dataset,
            Set<String> listKeys,
            JsonRecordMapper mapper,
            String expected)
            throws IOException {
        super(input, format, expected);
        this.dataset = dataset;
        this.listKeys = listKeys;
        this.mapper = mapper;
    }

    @Override
    Parsed advance() throws IOException {
        while (true) {
            switch (state) {
                case DONE -> {
                    return null;
                }
                case ROOT -> {
                    JsonToken token = parser.nextToken();
                    if (token == null) {
                        state = State.DONE;
                        return null;
                    }
                    long start = tokenStart();
                    if (token == JsonToken.START_ARRAY) {
                        state = State.ROOT_ARRAY;
                        elementIndex = 0;
                        listName = null;
                    } else if (token == JsonToken.START_OBJECT) {
                        state = State.WRAPPER;
                        resumeFrom = start;
                        rootStart = start;
                        rootLine = line();
                        rootFields = JsonFields.MAPPER.createObjectNode();
                        rootHadList = false;
                    } else {
                        return notAnObject(token, start, "at the top level");
                    }
                }
                case WRAPPER -> {
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken value = parser.nextToken();
                        if (value == JsonToken.START_ARRAY && listKeys.contains(name)) {
                            rootHadList = true;
                            listName = name;
                            elementIndex = 0;
                            state = State.LIST_IN_WRAPPER;
                            release(endOffset());
                        } else {
                            JsonNode v = JsonFields.MAPPER.readTree(parser);
                            rootFields.set(name, v);
                        }
                    } else if (token == JsonToken.END_OBJECT) {
                        state = State.ROOT;
                        if (!rootHadList) {
                            byte[] raw = cut(rootStart);
                            return mapRecord(rootFields, rootStart, rootLine, raw, "the document");
                        }
                        release(endOffset());
                    } else {
                        throw new JsonParseException(
                                parser, "expected a field name or '}' but found " + token);
                    }
                }
                case LIST_IN_WRAPPER, ROOT_ARRAY -> {
                    JsonToken token = parser.nextToken();
                    if (token == JsonToken.END_ARRAY) {
                        state = state == State.ROOT_ARRAY ? State.ROOT : State.WRAPPER;
                        resumeFrom = endOffset();
                        continue;
                    }
                    if (token == null) {
                        // Jackson reports an unclosed array itself; this is a safety net
                        throw new JsonParseException(parser, "unexpected end of input in a list");
                    }
                    long start = tokenStart();
                    resumeFrom = start;
                    int index = elementIndex++;
                    String where =
                            "element "
                                    + index
                                    + " of "
                                    + (listName == null
                                            ? "the top-level array"
                                            : "'" + listName + "'");
                    if (token != JsonToken.START_OBJECT) {
                        return notAnObject(token, start, "as " + where);
                    }
                    long line = line();
                    JsonNode node = JsonFields.MAPPER.readTree(parser);
                    return mapRecord(node, start, line, cut(start), where);
                }
            }
        }
    }

    private Parsed mapRecord(JsonNode node, long start, long line, byte[] raw, String where) {
        try {
            EcsDocument doc = mapper.map(node);
            EventStamp.stamp(
                    doc,
                    new String(raw, StandardCharsets.UTF_8),
                    raw,
                    input.ref(),
                    start,
                    format,
                    dataset);
            return doc;
        } catch (UnmappableRecord e) {
            return DeadLetter.of(
                    input.ref(),
                    start,
                    line,
                    format,
                    "Byte " + start + " (" + where + "): " + e.getMessage(),
                    raw);
        } catch (RuntimeException e) {
            // a mapper bug must not end the input: the record goes to the dead letters
            return DeadLetter.of(
                    input.ref(),
                    start,
                    line,
                    format,
                    "Byte " + start + " (" + where + "): the " + format + " mapper failed: " + e,
                    raw);
        }
    }

    private Parsed notAnObject(JsonToken token, long start, String where) throws IOException {
        long line = line();
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            parser.skipChildren();
        }
        byte[] raw = cut(start);
        return DeadLetter.of(
                input.ref(),
                start,
                line,
                format,
                "Byte "
                        + start
                        + ": expected "
                        + expected
                        + " (a JSON object) "
                        + where
                        + " but found "
                        + token.asString()
                        + ".",
                raw);
    }
}
