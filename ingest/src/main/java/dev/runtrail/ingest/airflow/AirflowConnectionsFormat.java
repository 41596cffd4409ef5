package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Airflow connections, one {@code airflow.connection} state event each: {@code airflow connections
 * export} files in its three formats (JSON object keyed by conn id, the same mapping in YAML, and
 * {@code CONN_ID=uri} env lines) and the REST API list ({@code GET /api/v1|v2/connections}).
 *
 * <p>Passwords and the sensitive keys of {@code extra} never reach a field: they are not read into
 * the event, and {@code event.original} holds the raw record with each of them replaced by {@code
 * ***} (see {@link ConnectionOriginal} and {@link ConnectionEnvReader} for how); {@code event.hash}
 * is the SHA-256 of the raw bytes as received.
 */
public final class AirflowConnectionsFormat implements Format {
    public static final String NAME = "airflow-connections";
    public static final String DATASET = "airflow.connection";

    private static final int HEAD_FOR_OPEN = 64 * 1024;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String dataset() {
        return DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        int p = Sniff.firstContent(head);
        if (p < 0) {
            return 0;
        }
        if (head[p] == '[' && !mayOpenObject(head, p + 1)) {
            return 0; // e.g. an Airflow text log line: spares a JSON parser and its exception
        }
        if (head[p] == '{' || head[p] == '[') {
            return sniffJson(head);
        }
        String line = firstRecordLine(head);
        if (isEnvLine(line)) {
            return 85;
        }
        if (isYamlKeyLine(line) && yamlHasConnType(head)) {
            return 80;
        }
        return 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        byte[] head;
        try (InputStream in = input.open()) {
            head = in.readNBytes(HEAD_FOR_OPEN);
        }
        int p = Sniff.firstContent(head);
        if (p >= 0 && (head[p] == '{' || head[p] == '[')) {
            return new ConnectionJsonReader(input);
        }
        String line = firstRecordLine(head);
        int eq = line.indexOf('=');
        int colon = line.indexOf(':');
        if (eq > 0 && (colon < 0 || eq < colon)) {
            return new ConnectionEnvReader(input);
        }
        return new ConnectionYamlReader(input);
    }

    /**
     * Whether the JSON value at {@code from} (after blanks) can be an object: a printable ASCII
     * byte other than a brace rules it out. Anything else (the end of the head, a zero byte of a
     * UTF-16 text, a control or non-ASCII byte) is left to the JSON parser.
     */
    private static boolean mayOpenObject(byte[] head, int from) {
        int q = from;
        while (q < head.length
                && (head[q] == ' ' || head[q] == '\t' || head[q] == '\r' || head[q] == '\n')) {
            q++;
        }
        if (q == head.length) {
            return true;
        }
        int b = head[q] & 0xff;
        return b < ' ' || b >= 0x7f || b == '{';
    }

    /**
     * The export object's first value holds {@code conn_type}, or an API list / array element holds
     * {@code connection_id}; a head cut mid-document counts what was seen before the cut.
     */
    private static int sniffJson(byte[] head) {
        try (JsonParser p = JsonFields.MAPPER.getFactory().createParser(head)) {
            JsonToken root = p.nextToken();
            if (root == JsonToken.START_ARRAY) {
                return p.nextToken() == JsonToken.START_OBJECT && hasField(p, "connection_id")
                        ? 85
                        : 0;
            }
            if (p.nextToken() != JsonToken.FIELD_NAME) {
                return 0;
            }
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (name.equals("connections") && value == JsonToken.START_ARRAY) {
                JsonToken first = p.nextToken();
                if (first == JsonToken.END_ARRAY) {
                    return 60; // an empty list: ours by name only
                }
                return first == JsonToken.START_OBJECT && hasField(p, "connection_id") ? 95 : 0;
            }
            if (name.equals("connection_id") && value == JsonToken.VALUE_STRING) {
                return hasField(p, "conn_type") ? 85 : 0; // one API connection object
            }
            return value == JsonToken.START_OBJECT && hasField(p, "conn_type") ? 90 : 0;
        } catch (JacksonException e) {
            return 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Whether the object just opened has {@code field} among its own (not nested) fields. */
    private static boolean hasField(JsonParser p, String field) throws IOException {
        try {
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                if (p.currentName().equals(field)) {
                    return true;
                }
                p.nextToken();
                p.skipChildren();
            }
        } catch (JacksonException e) {
            // the head ended inside the object
        }
        return false;
    }

    /** The first line that is not blank, a comment or a YAML document marker. */
    private static String firstRecordLine(byte[] head) {
        int p = Sniff.firstContent(head);
        while (p >= 0 && p < head.length) {
            int end = p;
            while (end < head.length && head[end] != '\n') {
                end++;
            }
            String line = new String(head, p, end - p, StandardCharsets.UTF_8).stripTrailing();
            String s = line.strip();
            if (!s.isEmpty() && !s.startsWith("#") && !s.equals("---")) {
                return line;
            }
            p = end + 1;
        }
        return "";
    }

    /** {@code ID=scheme://...} or {@code ID={"conn_type"...}}. */
    static boolean isEnvLine(String line) {
        int eq = line.indexOf('=');
        if (eq <= 0) {
            return false;
        }
        for (int i = 0; i < eq; i++) {
            char c = line.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.')) {
                return false;
            }
        }
        String value = line.substring(eq + 1);
        if (value.startsWith("{")) {
            return value.contains("\"conn_type\"");
        }
        int sep = value.indexOf("://");
        if (sep <= 0) {
            return false;
        }
        for (int i = 0; i < sep; i++) {
            char c = value.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '+' || c == '.')) {
                return false;
            }
        }
        return Character.isLetter(value.charAt(0));
    }

    /** A block-mapping key with its value on the next lines: {@code my_conn:} at column 0. */
    private static boolean isYamlKeyLine(String line) {
        if (line.isEmpty() || line.charAt(0) == ' ' || line.charAt(0) == '-') {
            return false;
        }
        return line.endsWith(":") && line.indexOf(": ") < 0;
    }

    /** An indented {@code conn_type:} key on one of the head's lines. */
    private static boolean yamlHasConnType(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        int at = text.indexOf("conn_type:");
        while (at > 0) {
            int p = at - 1;
            while (p >= 0 && text.charAt(p) == ' ') {
                p--;
            }
            if (p < at - 1 && p >= 0 && text.charAt(p) == '\n') {
                return true;
            }
            at = text.indexOf("conn_type:", at + 1);
        }
        return false;
    }
}
