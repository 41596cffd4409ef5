package dev.runtrail.ingest.text;

import dev.runtrail.ingest.EventStamp;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Parsed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a line-oriented input record by record: splits lines, joins continuation lines, rejects
 * over-long records and invalid UTF-8 as dead letters, hands the rest to a {@link LineParser} and
 * stamps every event with its raw text, hash, source position and deterministic id. Blank lines are
 * not records.
 */
public final class LineRecordReader implements RecordReader {
    /** Default limit for one record; longer ones are dead-lettered with their first bytes. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1 << 20;

    private final InputSource input;
    private final LineSplitter splitter;
    private final LineParser parser;
    private final String format;
    private final String dataset;
    private final int maxRecordBytes;
    private final CharsetDecoder decoder =
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
    private Line pending;

    /** The parser's {@link LineParser#oneLinePerRecord}: lines are lent, nothing is joined. */
    private final boolean oneLinePerRecord;

    public LineRecordReader(InputSource input, LineParser parser, String format, String dataset)
            throws IOException {
        this(input, parser, format, dataset, DEFAULT_MAX_RECORD_BYTES);
    }

    public LineRecordReader(
            InputSource input, LineParser parser, String format, String dataset, int maxRecordBytes)
            throws IOException {
        this.input = input;
        this.parser = parser;
        this.format = format;
        this.dataset = dataset;
        this.maxRecordBytes = maxRecordBytes;
        this.splitter =
                new LineSplitter(
                        input.open(),
                        maxRecordBytes,
                        input.startOffset(),
                        input.bufferSize(),
                        input.startLine());
        this.oneLinePerRecord = parser.oneLinePerRecord();
        if (oneLinePerRecord) {
            splitter.lendLines();
        }
    }

    @Override
    public Parsed next() throws IOException {
        Line first = pending;
        pending = null;
        while (first == null || isBlank(first)) {
            first = splitter.next();
            if (first == null) {
                return null;
            }
        }
        Line record = first.truncated() || oneLinePerRecord ? first : joinContinuations(first);
        if (record.truncated()) {
            return new DeadLetter(
                    input.ref(),
                    record.offset(),
                    record.number(),
                    "byte",
                    format,
                    "Record at line "
                            + record.number()
                            + " is "
                            + record.length()
                            + " bytes long, over the limit of "
                            + maxRecordBytes
                            + " bytes; expected one "
                            + format
                            + " record per line.",
                    record.bytes(),
                    record.length(),
                    record.truncatedSha256() != null
                            ? record.truncatedSha256()
                            : Hashing.sha256Hex(record.bytes()));
        }
        String text;
        try {
            text = decode(record);
        } catch (CharacterCodingException e) {
            return DeadLetter.of(
                    input.ref(),
                    record.offset(),
                    record.number(),
                    format,
                    "Invalid UTF-8 in the record at line "
                            + record.number()
                            + "; expected UTF-8 text.",
                    record.bytes());
        }
        Parsed parsed;
        try {
            parsed = parser.parse(text, record);
        } catch (RuntimeException e) {
            return DeadLetter.of(
                    input.ref(),
                    record.offset(),
                    record.number(),
                    format,
                    "Parser failed on the record at line " + record.number() + ": " + e,
                    record.bytes());
        }
        if (parsed instanceof EcsDocument event) {
            EventStamp.stamp(
                    event,
                    text,
                    record.buffer(),
                    record.start(),
                    record.size(),
                    input.ref(),
                    record.offset(),
                    format,
                    dataset);
            parser.stamped(event);
        }
        return parsed;
    }

    /**
     * The record as text. The JDK's own UTF-8 decoding into a String is fast (no CharBuffer, one
     * copy) but replaces malformed input with U+FFFD instead of failing; a result without U+FFFD
     * therefore proves the bytes were valid, and only the rare other case goes through the strict
     * decoder, which throws on malformed input or returns the same text.
     */
    private String decode(Line line) throws CharacterCodingException {
        String text = new String(line.buffer(), line.start(), line.size(), StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        return decoder.decode(ByteBuffer.wrap(line.buffer(), line.start(), line.size())).toString();
    }

    /**
     * Appends continuation lines to the first line of a record. Blank lines inside a record are
     * kept only when a continuation line follows them.
     */
    private Line joinContinuations(Line first) throws IOException {
        ByteArrayOutputStream joined = null;
        long length = first.length();
        int blanks = 0;
        while (true) {
            Line next = splitter.next();
            if (next == null) {
                break;
            }
            if (isBlank(next)) {
                blanks++;
                continue;
            }
            if (next.truncated() || !parser.isContinuation(next.bytes())) {
                pending = next;
                break;
            }
            if (joined == null) {
                joined = new ByteArrayOutputStream(first.bytes().length * 2);
                joined.write(first.bytes());
            }
            for (; blanks > 0; blanks--) {
                joined.write('\n');
                length++;
            }
            joined.write('\n');
            joined.write(next.bytes());
            length += 1 + next.length();
            if (joined.size() > maxRecordBytes) {
                byte[] kept = java.util.Arrays.copyOf(joined.toByteArray(), maxRecordBytes);
                return new Line(
                        kept,
                        first.offset(),
                        first.number(),
                        length,
                        Hashing.sha256Hex(joined.toByteArray()));
            }
        }
        if (joined == null) {
            return first;
        }
        return new Line(joined.toByteArray(), first.offset(), first.number(), length, null);
    }

    private static boolean isBlank(Line line) {
        if (line.truncated()) {
            return false;
        }
        byte[] bytes = line.buffer();
        for (int i = line.start(), end = i + line.size(); i < end; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return splitter.bytesRead();
    }

    @Override
    public void close() throws IOException {
        // the splitter's stream was opened by this reader
        splitter.close();
    }
}
