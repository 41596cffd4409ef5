package dev.runtrail.ingest.windows.xml;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Cuts a stream of Windows event XML into one byte range per {@code <Event>} element, whatever
 * surrounds them ({@code <Events>} root, XML declaration, blank lines, nothing at all). Cutting on
 * the raw bytes first, rather than parsing the whole stream, is what lets one malformed event be
 * dead-lettered while the next is still read: an XML parser cannot resume after a syntax error.
 *
 * <p>An element starts at {@code <Event} followed by whitespace, {@code >} or {@code /} (so {@code
 * <Events>}, {@code <EventData>}, {@code <EventID>} do not count) and ends after {@code </Event>}.
 * A raw {@code <} cannot occur in XML text, so these byte patterns only ever appear as tags.
 */
final class EventSplitter implements Closeable {
    private static final byte[] OPEN = {'<', 'E', 'v', 'e', 'n', 't'};
    private static final byte[] CLOSE = {'<', '/', 'E', 'v', 'e', 'n', 't', '>'};

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final int maxEventBytes;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long bufStart; // input offset of buf[0]
    private final long startOffset;
    private long line = 1;
    private boolean eof;
    private Chunk stray; // non-blank content since the last element
    private final Chunk current; // the element being cut, reused for every element
    private final EventChunk view = new EventChunk();
    private boolean strayHasClose;

    EventSplitter(InputStream in, int maxEventBytes) {
        this(in, maxEventBytes, 64 * 1024, 0, 0);
    }

    /**
     * @param startOffset offset of the stream's first byte in its source (a range of a large file,
     *     or a record shipped alone), so positions are those of the source
     * @param startLine lines of the source before that byte
     */
    EventSplitter(
            InputStream in, int maxEventBytes, int bufferSize, long startOffset, long startLine) {
        this.buf = new byte[Math.max(bufferSize, 64)];
        this.in = in;
        this.maxEventBytes = maxEventBytes;
        this.bufStart = startOffset;
        this.startOffset = startOffset;
        this.line = startLine + 1;
        this.current = new Chunk(startOffset, line);
    }

    long bytesRead() {
        return bufStart + pos - startOffset;
    }

    /**
     * The next event element, or null at the end of the input. Content between elements is skipped,
     * except a fragment holding an {@code </Event>} without its start (an input cut in the middle
     * of an event), which comes back as an element with a problem. The chunk returned is reused by
     * the next call.
     */
    EventChunk next() throws IOException {
        boolean atEvent = skipToEventStart();
        Chunk fragment = strayHasClose ? stray : null;
        stray = null;
        strayHasClose = false;
        if (fragment != null) {
            return fragment.done(
                    "content outside any <Event> element holds an </Event> without its start"
                            + " (the input may begin inside a cut event); expected whole <Event>"
                            + " elements");
        }
        if (!atEvent) {
            return null;
        }
        Chunk chunk = current;
        chunk.reset(bufStart + pos, line);
        // buf[from, pos) belongs to the element but is not in the chunk yet: an element that lies
        // whole in the buffer is handed out from there, without a copy
        int from = pos;
        // the "<Event" at pos is this element's own start, not a following one
        pos += OPEN.length;
        while (true) {
            if (pos >= limit) {
                chunk.append(buf, from, pos - from);
                boolean more = ensure(1);
                from = pos;
                if (!more) {
                    return chunk.done(
                            "the input ends inside this <Event> element; expected </Event>",
                            from,
                            pos);
                }
            }
            pos = scanText();
            if (pos >= limit) {
                continue;
            }
            // buf[pos] is '<': the element's end, a following element's start, or markup
            if (limit - pos < CLOSE.length) {
                chunk.append(buf, from, pos - from);
                ensure(CLOSE.length);
                from = pos;
            }
            if (startsEvent()) {
                return chunk.done(
                        "a new <Event> starts before this one is closed; expected </Event>",
                        from,
                        pos);
            }
            if (matches(CLOSE)) {
                pos += CLOSE.length;
                return chunk.done(null, from, pos);
            }
            pos++;
        }
    }

    /** Index of the next '<' from pos (or limit), counting the line breaks passed. */
    private int scanText() {
        int i = pos;
        byte[] b = buf;
        int end = limit;
        // eight bytes at a time: every byte of the input passes here once
        long lines = 0;
        while (i + 8 <= end) {
            long w = (long) LONGS.get(b, i);
            long lt = zeroBytes(w ^ 0x3C3C3C3C3C3C3C3CL);
            long nl = zeroBytes(w ^ 0x0A0A0A0A0A0A0A0AL);
            if (lt != 0) {
                int k = Long.numberOfTrailingZeros(lt) >>> 3; // the first '<' (little-endian)
                long before = k == 0 ? 0 : -1L >>> (64 - 8 * k);
                line += lines + Long.bitCount(nl & before);
                return i + k;
            }
            lines += Long.bitCount(nl);
            i += 8;
        }
        line += lines;
        while (i < end) {
            byte c = b[i];
            if (c == '<') {
                break;
            }
            if (c == '\n') {
                line++;
            }
            i++;
        }
        return i;
    }

    /** 0x80 in exactly the bytes of {@code x} that are zero, 0 elsewhere. */
    private static long zeroBytes(long x) {
        long y = (x & 0x7F7F7F7F7F7F7F7FL) + 0x7F7F7F7F7F7F7F7FL;
        return ~(y | x | 0x7F7F7F7F7F7F7F7FL);
    }

    /**
     * Advances to the next {@code <Event} start; false at the end of the input. Non-blank content
     * passed on the way is collected in {@link #stray}.
     */
    private boolean skipToEventStart() throws IOException {
        while (true) {
            if (pos >= limit && !ensure(1)) {
                return false;
            }
            int stop = scanText();
            outside(pos, stop);
            pos = stop;
            if (pos >= limit) {
                continue;
            }
            boolean whole = ensure(CLOSE.length);
            if (startsEvent()) {
                return true;
            }
            if (matches(CLOSE)) {
                strayHasClose = true;
            }
            if (!whole && limit - pos < OPEN.length + 1) {
                // too few bytes left for an event start: the rest is not an event
                countLines(pos, limit);
                outside(pos, limit);
                pos = limit;
                return false;
            }
            outside(pos, pos + 1);
            pos++;
        }
    }

    /** Notes bytes between elements: blank ones are dropped until something else is seen. */
    private void outside(int from, int to) {
        if (stray == null) {
            int i = from;
            while (i < to && isBlank(buf[i])) {
                i++;
            }
            if (i == to) {
                return;
            }
            long lineOfI = line;
            for (int k = i; k < to; k++) {
                if (buf[k] == '\n') {
                    lineOfI--;
                }
            }
            stray = new Chunk(bufStart + i, lineOfI);
            from = i;
        }
        stray.append(buf, from, to - from);
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** The bytes of the element being cut, kept up to the limit and hashed beyond it. */
    private final class Chunk {
        private long start;
        private long startLine;
        private byte[] kept = new byte[0]; // only for elements that do not fit in buf
        private int keptLen;
        private long total;
        private MessageDigest overflow;

        Chunk(long start, long startLine) {
            this.start = start;
            this.startLine = startLine;
        }

        void reset(long start, long startLine) {
            this.start = start;
            this.startLine = startLine;
            keptLen = 0;
            total = 0;
            overflow = null;
        }

        void append(byte[] src, int from, int n) {
            total += n;
            int keep = Math.min(n, maxEventBytes - keptLen);
            if (keep > 0) {
                if (keptLen + keep > kept.length) {
                    int grown = Math.max(keptLen + keep, Math.max(kept.length * 2, 4096));
                    kept = Arrays.copyOf(kept, Math.min(grown, maxEventBytes));
                }
                System.arraycopy(src, from, kept, keptLen, keep);
                keptLen += keep;
            }
            if (keep < n) {
                if (overflow == null) {
                    overflow = sha256();
                    overflow.update(kept, 0, keptLen);
                }
                overflow.update(src, from + keep, n - keep);
            }
        }

        EventChunk done(String problem) {
            return done(problem, 0, 0);
        }

        /** The element, ending with the bytes {@code buf[from, to)} not appended yet. */
        EventChunk done(String problem, int from, int to) {
            EventChunk c = view;
            if (total == 0 && to - from <= maxEventBytes) {
                c.buffer = buf;
                c.from = from;
                c.kept = to - from;
                c.length = to - from;
                c.sha256 = null;
            } else {
                append(buf, from, to - from);
                c.buffer = kept;
                c.from = 0;
                c.kept = keptLen;
                c.length = total;
                c.sha256 = overflow == null ? null : HexFormat.of().formatHex(overflow.digest());
            }
            c.offset = start;
            c.line = startLine;
            c.problem = problem;
            return c;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean startsEvent() {
        if (limit - pos < OPEN.length + 1 || !matches(OPEN)) {
            return false;
        }
        byte after = buf[pos + OPEN.length];
        return after == ' '
                || after == '>'
                || after == '/'
                || after == '\t'
                || after == '\r'
                || after == '\n';
    }

    private boolean matches(byte[] pattern) {
        if (limit - pos < pattern.length) {
            return false;
        }
        for (int i = 0; i < pattern.length; i++) {
            if (buf[pos + i] != pattern[i]) {
                return false;
            }
        }
        return true;
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                line++;
            }
        }
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false if the input ends first. */
    private boolean ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (eof) {
                return false;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                bufStart += pos;
                limit -= pos;
                pos = 0;
            }
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
                return false;
            }
            limit += read;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
