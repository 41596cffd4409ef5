package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runtrail.ingest.EventStamp;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
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
final class JsonDocumentReader implements RecordReader {
    private enum State {
        ROOT,
        WRAPPER,
        LIST_IN_WRAPPER,
        ROOT_ARRAY,
        DONE
    }

    private final InputSource input;
    private final String format;
    private final String dataset;
    private final Set<String> listKeys;
    private final JsonRecordMapper mapper;
    private final String expected;
    private final RecordingInputStream stream;
    private final JsonParser parser;

    private State state = State.ROOT;
    private ObjectNode rootFields;
    private long rootStart;
    private long rootLine;
    private boolean rootHadList;
    private String listName;
    private int elementIndex;
    private long resumeFrom; // where unconsumed bytes begin, for the dead letter of broken JSON

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
        this.input = input;
        this.format = format;
        this.dataset = dataset;
        this.listKeys = listKeys;
        this.mapper = mapper;
        this.expected = expected;
        this.stream = new RecordingInputStream(input.open());
        this.parser = JsonFields.MAPPER.getFactory().createParser(stream);
    }

    @Override
    public Parsed next() throws IOException {
        try {
            return advance();
        } catch (JacksonException e) {
            return broken(e);
        }
    }

    private Parsed advance() throws IOException {
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
                        rootLine = parser.currentTokenLocation().getLineNr();
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
                            stream.release(endOffset());
                            resumeFrom = endOffset();
                        } else {
                            JsonNode v = JsonFields.MAPPER.readTree(parser);
                            rootFields.set(name, v);
                        }
                    } else if (token == JsonToken.END_OBJECT) {
                        state = State.ROOT;
                        long end = endOffset();
                        resumeFrom = end;
                        if (!rootHadList) {
                            byte[] raw = stream.slice(rootStart, end);
                            stream.release(end);
                            return mapRecord(rootFields, rootStart, rootLine, raw, "the document");
                        }
                        stream.release(end);
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
                    long line = parser.currentTokenLocation().getLineNr();
                    JsonNode node = JsonFields.MAPPER.readTree(parser);
                    long end = endOffset();
                    byte[] raw = stream.slice(start, end);
                    stream.release(end);
                    resumeFrom = end;
                    return mapRecord(node, start, line, raw, where);
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
        long line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            parser.skipChildren();
        }
        long end = endOffset();
        byte[] raw = stream.slice(start, end);
        stream.release(end);
        resumeFrom = end;
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

    /** Invalid JSON: the rest of the input, from the record being read, as one dead letter. */
    private Parsed broken(JacksonException e) throws IOException {
        state = State.DONE;
        stream.drain();
        long end = stream.total();
        long from = Math.min(resumeFrom, end);
        byte[] raw = stream.slice(from, end);
        long errorAt = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
        long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
        return DeadLetter.of(
                input.ref(),
                from,
                Math.max(line, 0),
                format,
                "Byte "
                        + from
                        + ": expected "
                        + expected
                        + " in well-formed JSON but the JSON breaks at byte "
                        + errorAt
                        + " ("
                        + e.getOriginalMessage()
                        + "); the "
                        + (end - from)
                        + " bytes from here to the end of the input are kept in this dead letter.",
                raw);
    }

    private long tokenStart() {
        return parser.currentTokenLocation().getByteOffset();
    }

    private long endOffset() {
        return parser.currentLocation().getByteOffset();
    }

    @Override
    public long bytesRead() {
        return stream.total();
    }

    @Override
    public void close() throws IOException {
        parser.close();
        stream.close();
    }
}
