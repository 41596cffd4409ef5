package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.runtrail.ingest.EventStamp;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads {@code airflow connections export --file-format yaml}: a block mapping from conn id to the
 * connection's fields. Each top-level entry (a line starting at column 0 and the indented lines
 * below it) is parsed on its own, so a broken entry is one dead letter (positioned at its first
 * line) and the entries after it are still read. Comments, blank lines and document markers between
 * entries are not records.
 *
 * <p>The whole export is read into memory: Airflow writes connection exports of a few kilobytes to
 * a few megabytes; inputs over {@link #MAX_BYTES} are refused with one dead letter.
 */
final class ConnectionYamlReader implements RecordReader {
    static final int MAX_BYTES = 64 << 20;
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final InputSource input;
    private final ArrayDeque<Parsed> ready = new ArrayDeque<>();
    private byte[] data;
    private int at;
    private int countedTo;
    private long line = 1;

    ConnectionYamlReader(InputSource input) {
        this.input = input;
    }

    @Override
    public Parsed next() throws IOException {
        if (data == null) {
            load();
        }
        while (ready.isEmpty()) {
            int start = nextEntryStart(at);
            if (start < 0) {
                at = data.length;
                return null;
            }
            int end = nextEntryStart(lineEnd(start));
            at = end < 0 ? data.length : end;
            entry(start, trimTrailingBlank(start, at));
        }
        return ready.poll();
    }

    private void load() throws IOException {
        try (InputStream in = input.open()) {
            data = in.readNBytes(MAX_BYTES + 1);
        }
        if (data.length > MAX_BYTES) {
            ready.add(
                    DeadLetter.of(
                            input.ref(),
                            0,
                            1,
                            AirflowConnectionsFormat.NAME,
                            "The input is over "
                                    + MAX_BYTES
                                    + " bytes; expected an Airflow connections YAML export, which"
                                    + " is read whole.",
                            data,
                            0,
                            Math.min(data.length, DeadLetter.MAX_RAW_BYTES)));
            data = new byte[0];
        }
        if (data.length >= 3
                && (data[0] & 0xff) == 0xEF
                && (data[1] & 0xff) == 0xBB
                && (data[2] & 0xff) == 0xBF) {
            at = 3;
        }
    }

    /** Offset of the first line at or after {@code from} that starts an entry, or -1. */
    private int nextEntryStart(int from) {
        for (int p = from; p < data.length; p = lineEnd(p)) {
            byte b = data[p];
            boolean marker = startsWith(p, "---") || startsWith(p, "...");
            if (b != ' ' && b != '\t' && b != '#' && b != '\r' && b != '\n' && !marker) {
                return p;
            }
        }
        return -1;
    }

    /** Offset just past the line starting at {@code p} (past its '\n'). */
    private int lineEnd(int p) {
        while (p < data.length && data[p] != '\n') {
            p++;
        }
        return Math.min(p + 1, data.length);
    }

    private int trimTrailingBlank(int start, int end) {
        while (end > start && (data[end - 1] == '\n' || data[end - 1] == '\r')) {
            end--;
        }
        return end;
    }

    private boolean startsWith(int p, String s) {
        if (p + s.length() > data.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (data[p + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void entry(int start, int end) {
        byte[] raw = Arrays.copyOfRange(data, start, end);
        long line = lineNumber(start);
        String text;
        try {
            CharsetDecoder decoder =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT);
            text = decoder.decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            ready.add(dead(start, line, "invalid UTF-8; expected UTF-8 YAML text.", raw));
            return;
        }
        JsonNode node;
        try {
            node = YAML.readTree(text);
        } catch (JacksonException e) {
            ready.add(
                    dead(
                            start,
                            line,
                            "expected a YAML mapping from conn id to connection fields, but the"
                                    + " YAML does not parse ("
                                    + e.getOriginalMessage()
                                    + ").",
                            raw));
            return;
        }
        if (node == null || !node.isObject() || node.isEmpty()) {
            String found = node == null ? "nothing" : "a YAML " + node.getNodeType();
            ready.add(
                    dead(
                            start,
                            line,
                            "expected a YAML mapping from conn id to connection fields, but found "
                                    + found
                                    + ".",
                            raw));
            return;
        }
        String original = ConnectionOriginal.maskYaml(text);
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            ready.add(connection(field.getKey(), field.getValue(), original, raw, start, line));
        }
    }

    private Parsed connection(
            String connId, JsonNode value, String original, byte[] raw, int start, long line) {
        if (!value.isObject()) {
            return dead(
                    start,
                    line,
                    "expected the fields of connection '"
                            + connId
                            + "' as a YAML mapping, but found a "
                            + value.getNodeType()
                            + ".",
                    raw);
        }
        try {
            return EventStamp.stamp(
                    ConnectionMapper.toEvent(Connection.fromJson(connId, value)),
                    original,
                    raw,
                    input.ref(),
                    start,
                    AirflowConnectionsFormat.NAME,
                    AirflowConnectionsFormat.DATASET);
        } catch (UnmappableRecord e) {
            return dead(start, line, e.getMessage(), raw);
        }
    }

    /** 1-based line of {@code offset}; offsets only grow, so counting resumes where it ended. */
    private long lineNumber(int offset) {
        for (; countedTo < offset; countedTo++) {
            if (data[countedTo] == '\n') {
                line++;
            }
        }
        return line;
    }

    private DeadLetter dead(int start, long line, String reason, byte[] raw) {
        return DeadLetter.of(
                input.ref(),
                start,
                line,
                AirflowConnectionsFormat.NAME,
                "Line " + line + " (byte " + start + "): " + reason,
                raw);
    }

    @Override
    public long bytesRead() {
        return at;
    }

    @Override
    public void close() {
        data = new byte[0];
    }
}
