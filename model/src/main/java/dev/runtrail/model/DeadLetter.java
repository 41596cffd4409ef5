package dev.runtrail.model;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A raw record that could not be turned into an event, with everything needed to find it again and
 * to re-process it: the raw bytes, the source, the position and the reason.
 *
 * @param source where the record came from
 * @param position byte offset in a file (or Kafka offset, see {@code positionUnit})
 * @param line 1-based line number for line-oriented sources, or 0 when not applicable
 * @param positionUnit what {@code position} counts: {@code byte}, {@code kafka-offset}, ...
 * @param format the parser format that rejected the record, e.g. {@code evtx}
 * @param reason a sentence saying what was expected and what was found
 * @param raw the raw bytes, possibly cut to {@link #MAX_RAW_BYTES}
 * @param rawLength length of the whole raw record (it may exceed {@code raw.length})
 * @param rawSha256 SHA-256 of the whole raw record, hex
 */
public record DeadLetter(
        SourceRef source,
        long position,
        long line,
        String positionUnit,
        String format,
        String reason,
        byte[] raw,
        long rawLength,
        String rawSha256)
        implements Parsed {

    /** Raw records longer than this keep only their first bytes (length and hash stay whole). */
    public static final int MAX_RAW_BYTES = 1 << 20;

    public DeadLetter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "A dead letter needs a reason.");
        raw = raw == null ? new byte[0] : raw;
    }

    /** A dead letter for a whole raw record held in memory. */
    public static DeadLetter of(
            SourceRef source,
            long byteOffset,
            long line,
            String format,
            String reason,
            byte[] raw) {
        return of(source, byteOffset, line, format, reason, raw, 0, raw.length);
    }

    /** A dead letter for a slice of a buffer (the slice is copied, cut to MAX_RAW_BYTES). */
    public static DeadLetter of(
            SourceRef source,
            long byteOffset,
            long line,
            String format,
            String reason,
            byte[] buffer,
            int offset,
            int length) {
        byte[] kept = Arrays.copyOfRange(buffer, offset, offset + Math.min(length, MAX_RAW_BYTES));
        return new DeadLetter(
                source,
                byteOffset,
                line,
                "byte",
                format,
                reason,
                kept,
                length,
                Hashing.sha256Hex(buffer, offset, length));
    }

    /** The same dead letter with {@code more} appended to its reason. */
    public DeadLetter withReasonAppended(String more) {
        return new DeadLetter(
                source,
                position,
                line,
                positionUnit,
                format,
                reason + more,
                raw,
                rawLength,
                rawSha256);
    }

    /** The deterministic id of this dead letter's document. */
    public String id() {
        return Hashing.docId(
                "deadletter", source.identity(), positionUnit, Long.toString(position));
    }

    /** Whether the raw bytes are valid UTF-8 text (then they are kept as text, else base64). */
    public boolean rawIsText() {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** This dead letter as a document for the dead-letter index. */
    public EcsDocument toDocument(Instant ingested) {
        return toDocument(ingested, UnaryOperator.identity());
    }

    /**
     * Like {@link #toDocument(Instant)}, with raw bytes that are not text shown through {@code
     * maskBinary} (e.g. with secrets masked) before they are encoded; length and hash stay those of
     * the raw record.
     */
    public EcsDocument toDocument(Instant ingested, UnaryOperator<byte[]> maskBinary) {
        EcsDocument doc = new EcsDocument(Kind.DEADLETTER, id());
        doc.put(Ecs.TIMESTAMP, ingested);
        doc.put(Ecs.EVENT_KIND, "pipeline_error");
        doc.put(Ecs.ERROR_TYPE, "parse");
        doc.put(Ecs.ERROR_MESSAGE, reason);
        doc.put(Ecs.RUNTRAIL_FORMAT, format);
        doc.put(Ecs.RUNTRAIL_SOURCE, source.name());
        doc.put(Ecs.RUNTRAIL_SOURCE_POSITION, position);
        doc.put("runtrail.source.position_unit", positionUnit);
        if (line > 0) {
            doc.put("runtrail.source.line", line);
        }
        if (rawIsText()) {
            doc.put(Ecs.EVENT_ORIGINAL, new String(raw, StandardCharsets.UTF_8));
        } else {
            doc.put(
                    Ecs.RUNTRAIL_RAW_BASE64,
                    Base64.getEncoder().encodeToString(maskBinary.apply(raw)));
        }
        doc.put("runtrail.raw.length", rawLength);
        doc.put("runtrail.raw.truncated", rawLength > raw.length);
        doc.put(Ecs.EVENT_HASH, rawSha256);
        return doc;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && source.equals(d.source)
                && position == d.position
                && line == d.line
                && Objects.equals(positionUnit, d.positionUnit)
                && Objects.equals(format, d.format)
                && reason.equals(d.reason)
                && Arrays.equals(raw, d.raw)
                && rawLength == d.rawLength
                && Objects.equals(rawSha256, d.rawSha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, position, line, reason, Arrays.hashCode(raw));
    }

    @Override
    public String toString() {
        return "DeadLetter["
                + source.name()
                + " @"
                + position
                + " ("
                + format
                + "): "
                + reason
                + "]";
    }
}
