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

/**
 * Streams connections out of the JSON shapes Airflow writes them in: the {@code airflow connections
 * export --file-format json} object keyed by conn id ({@code {"my_conn": {"conn_type": ...}}}), the
 * REST API list ({@code {"connections": [...], "total_entries": N}}), or a top-level array of API
 * connection objects, or one API connection object ({@code GET /connections/{id}}, recognised by
 * {@code connection_id} as its first field). The raw record of an export entry runs from its key to
 * the end of its object, so {@code event.original} names the conn id; its position is the key's
 * byte offset.
 *
 * <p>An entry that is not an object is dead-lettered and reading goes on. Invalid JSON cannot be
 * resynchronised: the bytes from the entry being read to the end become one dead letter.
 */
final class ConnectionJsonReader extends StreamingJsonReader {
    private enum State {
        ROOT,
        EXPORT_OBJECT,
        API_LIST,
        ROOT_ARRAY,
        DONE
    }

    private static final String EXPECTED =
            "an Airflow connection object (conn_type, host, login, port, ...)";

    private State state = State.ROOT;
    private int elementIndex;
    private long objectStart;
    private long objectLine;
    private int fieldsSeen;

    ConnectionJsonReader(InputSource input) throws IOException {
        super(input, AirflowConnectionsFormat.NAME, EXPECTED);
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
                    resumeFrom = start;
                    if (token == JsonToken.START_OBJECT) {
                        state = State.EXPORT_OBJECT;
                        objectStart = start;
                        objectLine = line();
                        fieldsSeen = 0;
                    } else if (token == JsonToken.START_ARRAY) {
                        state = State.ROOT_ARRAY;
                        elementIndex = 0;
                    } else {
                        return notAnObject(token, start, line(), "at the top level");
                    }
                }
                case EXPORT_OBJECT -> {
                    Parsed p = exportField();
                    if (p != null) {
                        return p;
                    }
                }
                case API_LIST, ROOT_ARRAY -> {
                    Parsed p = listElement();
                    if (p != null) {
                        return p;
                    }
                }
            }
        }
    }

    /** One field of the top-level object: an export entry, or the API wrapper's fields. */
    private Parsed exportField() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_OBJECT) {
            state = State.ROOT;
            release(endOffset());
            return null;
        }
        if (token != JsonToken.FIELD_NAME) {
            throw new JsonParseException(parser, "expected a field name or '}' but found " + token);
        }
        String name = parser.currentName();
        long keyStart = tokenStart();
        long line = line();
        resumeFrom = keyStart;
        JsonToken value = parser.nextToken();
        if (fieldsSeen++ == 0 && name.equals("connection_id") && value.isScalarValue()) {
            return singleConnection();
        }
        if (value == JsonToken.START_ARRAY && name.equals("connections")) {
            state = State.API_LIST;
            elementIndex = 0;
            release(endOffset());
            return null;
        }
        if (value == JsonToken.START_OBJECT) {
            long valueStart = tokenStart();
            JsonNode node = JsonFields.MAPPER.readTree(parser);
            byte[] raw = cut(keyStart);
            return record(
                    name,
                    node,
                    raw,
                    (int) (valueStart - keyStart),
                    keyStart,
                    line,
                    "entry '" + name + "'");
        }
        if (value.isScalarValue() && name.equals("total_entries")) {
            release(endOffset());
            return null;
        }
        return notAnObject(value, keyStart, line, "as the value of entry '" + name + "'");
    }

    /**
     * A top-level object that starts with {@code connection_id} is one API connection ({@code GET
     * /connections/{id}}); the parser stands on that field's value.
     */
    private Parsed singleConnection() throws IOException {
        ObjectNode node = JsonFields.MAPPER.createObjectNode();
        node.set("connection_id", JsonFields.MAPPER.readTree(parser));
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            if (t != JsonToken.FIELD_NAME) {
                throw new JsonParseException(parser, "expected a field name or '}' but found " + t);
            }
            String name = parser.currentName();
            parser.nextToken();
            node.set(name, JsonFields.MAPPER.readTree(parser));
        }
        state = State.ROOT;
        return record(null, node, cut(objectStart), 0, objectStart, objectLine, "the document");
    }

    private Parsed listElement() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.END_ARRAY) {
            state = state == State.ROOT_ARRAY ? State.ROOT : State.EXPORT_OBJECT;
            release(endOffset());
            return null;
        }
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of input in a list");
        }
        long start = tokenStart();
        resumeFrom = start;
        String where =
                "element "
                        + elementIndex++
                        + " of "
                        + (state == State.ROOT_ARRAY ? "the top-level array" : "'connections'");
        if (token != JsonToken.START_OBJECT) {
            return notAnObject(token, start, line(), "as " + where);
        }
        long line = line();
        JsonNode node = JsonFields.MAPPER.readTree(parser);
        return record(null, node, cut(start), 0, start, line, where);
    }

    private Parsed record(
            String connId,
            JsonNode node,
            byte[] raw,
            int valueOffset,
            long start,
            long line,
            String where) {
        try {
            EcsDocument doc = ConnectionMapper.toEvent(Connection.fromJson(connId, node));
            return EventStamp.stamp(
                    doc,
                    ConnectionOriginal.maskJson(raw, valueOffset),
                    raw,
                    input.ref(),
                    start,
                    AirflowConnectionsFormat.NAME,
                    AirflowConnectionsFormat.DATASET);
        } catch (UnmappableRecord e) {
            return dead(start, line, "Byte " + start + " (" + where + "): " + e.getMessage(), raw);
        } catch (RuntimeException e) {
            return dead(
                    start,
                    line,
                    "Byte " + start + " (" + where + "): the connection mapper failed: " + e,
                    raw);
        }
    }

    private Parsed notAnObject(JsonToken token, long start, long line, String where)
            throws IOException {
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT) {
            parser.skipChildren();
        } else {
            // Jackson reads a string's text lazily; its end is known only once it is finished
            parser.finishToken();
        }
        byte[] raw = cut(start);
        return dead(
                start,
                line,
                "Byte "
                        + start
                        + ": expected "
                        + EXPECTED
                        + " "
                        + where
                        + " but found "
                        + describe(token)
                        + ".",
                raw);
    }

    /** Names the kind of value only, never the value: it could be a password. */
    private static String describe(JsonToken token) {
        return switch (token) {
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : token.asString();
        };
    }

    private DeadLetter dead(long start, long line, String reason, byte[] raw) {
        return DeadLetter.of(input.ref(), start, line, AirflowConnectionsFormat.NAME, reason, raw);
    }
}
