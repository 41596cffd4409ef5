package dev.runtrail.ingest.windows.xml;

import dev.runtrail.ingest.EventStamp;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads Windows event XML one {@code <Event>} at a time: each element is cut from the byte stream
 * by {@link EventSplitter}, checked as UTF-8, parsed by {@link EventXmlScanner} and mapped by
 * {@link WindowsEventMapper}. Positions are byte offsets of the element's {@code <} in the input
 * (for UTF-16 input, in its UTF-8 transcoding, see {@link InputSource#transcodedFromUtf16()}).
 */
public final class WindowsXmlReader implements RecordReader {
    /** Longest event element kept; longer ones are dead-lettered with their first bytes. */
    public static final int MAX_EVENT_BYTES = 4 << 20;

    private final InputSource input;
    private final String format;
    private final String dataset;
    private final EventSplitter splitter;
    private final boolean utf16;

    /**
     * One scanner per thread, which keeps its buffers and name table from event to event: a Kafka
     * source opens a reader per record, and a fresh table would make every name anew. {@link
     * EventXmlScanner#parse} runs to completion before it returns, so readers of one thread can
     * share it.
     */
    private static final ThreadLocal<EventXmlScanner> SCANNERS =
            ThreadLocal.withInitial(EventXmlScanner::new);

    private final EventXmlScanner scanner = SCANNERS.get();

    public WindowsXmlReader(InputSource input, String format, String dataset, int maxEventBytes)
            throws IOException {
        this.input = input;
        this.format = format;
        this.dataset = dataset;
        this.utf16 = input.transcodedFromUtf16();
        this.splitter =
                new EventSplitter(
                        input.open(),
                        maxEventBytes,
                        input.bufferSize(),
                        input.startOffset(),
                        input.startLine());
    }

    @Override
    public Parsed next() throws IOException {
        EventChunk chunk = splitter.next();
        if (chunk == null) {
            return null;
        }
        if (chunk.problem != null) {
            return deadLetter(chunk, "Incomplete <Event> element: " + chunk.problem + ".");
        }
        if (chunk.truncated()) {
            return deadLetter(
                    chunk,
                    "The <Event> element is "
                            + chunk.length
                            + " bytes long, over the limit of "
                            + chunk.kept
                            + " bytes; expected one event of ordinary size.");
        }
        byte[] bytes = chunk.buffer;
        int from = chunk.from;
        int length = chunk.kept;
        if (Utf8Check.firstInvalid(bytes, from, from + length) >= 0) {
            return deadLetter(
                    chunk,
                    utf16
                            ? "Invalid UTF-16 in the <Event> element; expected UTF-16 text."
                            : "Invalid UTF-8 in the <Event> element; expected UTF-8 text.");
        }
        String text = new String(bytes, from, length, StandardCharsets.UTF_8);
        WindowsRecord record;
        try {
            record = scanner.parse(bytes, from, from + length);
        } catch (BadEventException e) {
            return deadLetter(chunk, e.getMessage());
        } catch (RuntimeException e) {
            return deadLetter(chunk, "Parser failed on the <Event> element: " + e);
        }
        EcsDocument event = WindowsEventMapper.toEcs(record);
        return EventStamp.stamp(
                event, text, bytes, from, length, input.ref(), chunk.offset, format, dataset);
    }

    private DeadLetter deadLetter(EventChunk chunk, String reason) {
        String where = " (event starting at line " + chunk.line + ")";
        byte[] raw = chunk.bytes();
        return new DeadLetter(
                input.ref(),
                chunk.offset,
                chunk.line,
                "byte",
                format,
                reason + where,
                raw,
                chunk.length,
                chunk.sha256 != null ? chunk.sha256 : Hashing.sha256Hex(raw));
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
