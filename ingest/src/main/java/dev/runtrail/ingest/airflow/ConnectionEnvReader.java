package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.runtrail.ingest.EventStamp;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.ingest.text.LineSplitter;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads {@code airflow connections export --file-format env}: one {@code CONN_ID=value} line per
 * connection, the value a connection URI ({@code --serialization-format uri}, the default) or a
 * JSON object ({@code --serialization-format json}). Blank lines and {@code #} comments (allowed by
 * Airflow's local-filesystem secrets backend, which reads the same files) are not records; any
 * other line that is not {@code ID=value} with a value that parses is one dead letter.
 *
 * <p>{@code event.original} is the line with the password (and sensitive query or JSON values)
 * replaced by {@link ConnectionSecrets#MASK}: the text after the first {@code :} of the URI's
 * user-info up to its {@code @} is cut out, and masked query values are cut out by their own
 * offsets; a JSON value is masked as {@link ConnectionOriginal} does it. {@code event.hash} still
 * covers the line as read.
 */
final class ConnectionEnvReader implements RecordReader {
    private final InputSource input;
    private final LineSplitter splitter;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);

    ConnectionEnvReader(InputSource input) throws IOException {
        this.input = input;
        this.splitter =
                new LineSplitter(
                        input.open(),
                        LineRecordReader.DEFAULT_MAX_RECORD_BYTES,
                        input.startOffset());
    }

    @Override
    public Parsed next() throws IOException {
        for (Line line = splitter.next(); line != null; line = splitter.next()) {
            if (line.truncated()) {
                return new DeadLetter(
                        input.ref(),
                        line.offset(),
                        line.number(),
                        "byte",
                        AirflowConnectionsFormat.NAME,
                        "Line "
                                + line.number()
                                + " is "
                                + line.length()
                                + " bytes long, over the limit of "
                                + LineRecordReader.DEFAULT_MAX_RECORD_BYTES
                                + " bytes; expected one CONN_ID=uri line per connection.",
                        line.bytes(),
                        line.length(),
                        line.truncatedSha256());
            }
            String text;
            try {
                text = decoder.decode(ByteBuffer.wrap(line.bytes())).toString();
            } catch (CharacterCodingException e) {
                return dead(line, "invalid UTF-8; expected UTF-8 CONN_ID=uri lines.");
            }
            String trimmed = text.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            return parse(text, line);
        }
        return null;
    }

    private Parsed parse(String text, Line line) {
        int eq = text.indexOf('=');
        String connId = eq < 0 ? "" : text.substring(0, eq).strip();
        if (connId.isEmpty() || connId.indexOf(' ') >= 0) {
            return dead(line, "expected CONN_ID=uri (a conn id, '=', an Airflow connection URI).");
        }
        String value = text.substring(eq + 1);
        String original;
        Connection connection;
        try {
            if (value.strip().startsWith("{")) {
                connection = Connection.fromJson(connId, json(value));
                byte[] raw = text.getBytes(StandardCharsets.UTF_8);
                int valueOffset =
                        text.substring(0, text.indexOf('{'))
                                .getBytes(StandardCharsets.UTF_8)
                                .length;
                original = ConnectionOriginal.maskJson(raw, valueOffset);
            } else {
                connection = ConnectionUri.parse(connId, value);
                original = text.substring(0, eq + 1) + ConnectionUri.mask(value);
            }
        } catch (UnmappableRecord e) {
            return dead(line, "connection '" + connId + "': " + e.getMessage() + ".");
        }
        return EventStamp.stamp(
                ConnectionMapper.toEvent(connection),
                original,
                line.bytes(),
                input.ref(),
                line.offset(),
                AirflowConnectionsFormat.NAME,
                AirflowConnectionsFormat.DATASET);
    }

    private static JsonNode json(String value) throws UnmappableRecord {
        try {
            JsonNode node = JsonFields.MAPPER.readTree(value);
            if (node == null || !node.isObject()) {
                throw new UnmappableRecord(
                        "expected a JSON object after '=' but found another value");
            }
            return node;
        } catch (JacksonException e) {
            throw new UnmappableRecord(
                    "expected a JSON object after '=' but it does not parse ("
                            + e.getOriginalMessage()
                            + ")");
        }
    }

    private DeadLetter dead(Line line, String reason) {
        return DeadLetter.of(
                input.ref(),
                line.offset(),
                line.number(),
                AirflowConnectionsFormat.NAME,
                "Line " + line.number() + ": " + reason,
                line.bytes());
    }

    @Override
    public long bytesRead() {
        return splitter.bytesRead();
    }

    @Override
    public void close() throws IOException {
        splitter.close();
    }
}
