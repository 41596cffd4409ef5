package dev.runtrail.ingest.windows.xml;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
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

    private final InputStream in;
    private final int maxEventBytes;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long bufStart; // input offset of buf[0]
    private long line = 1;
    private boolean eof;

    EventSplitter(InputStream in, int maxEventBytes) {
        this.in = in;
        this.maxEventBytes = maxEventBytes;
    }

    long bytesRead() {
        return bufStart + pos;
    }

    /** The next event element, or null at the end of the input. */
    EventChunk next() throws IOException {
        if (!skipToEventStart()) {
            return null;
        }
        long start = bufStart + pos;
        long startLine = line;
        byte[] kept = new byte[Math.min(4096, maxEventBytes)];
        int keptLen = 0;
        long total = 0;
        MessageDigest overflow = null;
        boolean first = true;
        while (true) {
            if (!ensure(CLOSE.length)) {
                if (pos >= limit) {
                    return chunk(
                            kept,
                            keptLen,
                            start,
                            startLine,
                            total,
                            overflow,
                            "the input ends inside this <Event> element; expected </Event>");
                }
            } else if (!first && startsEvent()) {
                return chunk(
                        kept,
                        keptLen,
                        start,
                        startLine,
                        total,
                        overflow,
                        "a new <Event> starts before this one is closed; expected </Event>");
            } else if (matches(CLOSE)) {
                for (int i = 0; i < CLOSE.length; i++) {
                    byte b = buf[pos++];
                    total++;
                    if (keptLen < maxEventBytes) {
                        kept = grow(kept, keptLen + 1);
                        kept[keptLen++] = b;
                    } else {
                        overflow = digest(overflow, kept, keptLen, b);
                    }
                }
                return chunk(kept, keptLen, start, startLine, total, overflow, null);
            }
            first = false;
            byte b = buf[pos++];
            if (b == '\n') {
                line++;
            }
            total++;
            if (keptLen < maxEventBytes) {
                kept = grow(kept, keptLen + 1);
                kept[keptLen++] = b;
            } else {
                overflow = digest(overflow, kept, keptLen, b);
            }
        }
    }

    /** Advances to the next {@code <Event} start; false at the end of the input. */
    private boolean skipToEventStart() throws IOException {
        while (true) {
            if (!ensure(OPEN.length + 1)) {
                if (pos >= limit) {
                    return false;
                }
                // fewer bytes left than an event start needs: consume them
                countLines(pos, limit);
                pos = limit;
                continue;
            }
            if (startsEvent()) {
                return true;
            }
            if (buf[pos] == '\n') {
                line++;
            }
            pos++;
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

    private EventChunk chunk(
            byte[] kept,
            int keptLen,
            long start,
            long startLine,
            long total,
            MessageDigest overflow,
            String problem) {
        String sha = overflow == null ? null : HexFormat.of().formatHex(overflow.digest());
        return new EventChunk(Arrays.copyOf(kept, keptLen), start, startLine, total, sha, problem);
    }

    private static byte[] grow(byte[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, Math.max(needed, a.length * 2));
    }

    private static MessageDigest digest(MessageDigest d, byte[] kept, int keptLen, byte b) {
        if (d == null) {
            try {
                d = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            d.update(kept, 0, keptLen);
        }
        d.update(b);
        return d;
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
