package dev.runtrail.ingest.text;

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
 * Splits a byte stream into lines on {@code \n} (a preceding {@code \r} is dropped), tracking byte
 * offsets and line numbers. Lines longer than the limit are read through but only their first
 * {@code maxLineBytes} are kept (with the SHA-256 of the whole line), so one huge line cannot
 * exhaust memory. A UTF-8 byte order mark at the very start is skipped (and counted in offsets).
 */
public final class LineSplitter implements Closeable {
    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long bufStart; // input offset of buf[0]
    private long lineNumber;
    private boolean eof;
    private boolean bomChecked;
    private final long startOffset;

    /**
     * Whether lines that lie whole in the read buffer are handed out there (see {@link
     * #lendLines}).
     */
    private boolean lend;

    public LineSplitter(InputStream in, int maxLineBytes) {
        this(in, maxLineBytes, 0);
    }

    /**
     * @param startOffset offset of the stream's first byte in its source
     */
    public LineSplitter(InputStream in, int maxLineBytes, long startOffset) {
        this(in, maxLineBytes, startOffset, 64 * 1024, 0);
    }

    /**
     * @param startOffset offset of the stream's first byte in its source
     * @param bufferSize read buffer size (see {@link dev.runtrail.ingest.InputSource#bufferSize})
     * @param startLine lines of the source before the stream's first byte
     */
    public LineSplitter(
            InputStream in, int maxLineBytes, long startOffset, int bufferSize, long startLine) {
        this.buf = new byte[bufferSize];
        this.lineNumber = startLine;
        // a byte order mark can only be at the very start of a source
        this.bomChecked = startOffset > 0;
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.bufStart = startOffset;
        this.startOffset = startOffset;
    }

    /**
     * From now on, a line that lies whole in the read buffer is returned as a slice of it rather
     * than copied: valid until the next call of {@link #next()}, which may read over it. For a
     * caller that is done with each line before it asks for the next one; {@link Line#bytes()}
     * copies what it wants to keep. Lines across the buffer's end are copied as before.
     */
    public LineSplitter lendLines() {
        lend = true;
        return this;
    }

    /** Bytes consumed from the stream so far. */
    public long bytesRead() {
        return bufStart + pos - startOffset;
    }

    /** The next line, or null at end of input. A final line without terminator is returned. */
    public Line next() throws IOException {
        if (!bomChecked) {
            bomChecked = true;
            fill();
            if (limit - pos >= 3
                    && (buf[pos] & 0xff) == 0xEF
                    && (buf[pos + 1] & 0xff) == 0xBB
                    && (buf[pos + 2] & 0xff) == 0xBF) {
                pos += 3;
            }
        }
        if (pos < limit) {
            // most lines lie whole in the buffer: one copy (none when lent), and none of the
            // bookkeeping below
            int nl = indexOf(buf, pos, limit, (byte) '\n');
            if (nl >= 0 && nl - pos <= maxLineBytes) {
                int end = nl > pos && buf[nl - 1] == '\r' ? nl - 1 : nl;
                int size = end - pos;
                Line line =
                        lend
                                ? new Line(buf, pos, size, bufStart + pos, ++lineNumber, size, null)
                                : new Line(
                                        Arrays.copyOfRange(buf, pos, end),
                                        bufStart + pos,
                                        ++lineNumber,
                                        size,
                                        null);
                pos = nl + 1;
                return line;
            }
        }
        long start = bufStart + pos;
        byte[] kept = null;
        int keptLen = 0;
        long total = 0;
        MessageDigest overflow = null;
        while (true) {
            if (pos >= limit) {
                if (!fill()) {
                    if (total == 0 && kept == null) {
                        return null;
                    }
                    return finish(kept, keptLen, start, total, overflow);
                }
            }
            int nl = indexOf(buf, pos, limit, (byte) '\n');
            int end = nl < 0 ? limit : nl;
            int n = end - pos;
            if (keptLen < maxLineBytes && n > 0) {
                int take = Math.min(n, maxLineBytes - keptLen);
                if (kept == null) {
                    kept = new byte[Math.min(Math.max(take, 128), maxLineBytes)];
                } else if (kept.length < keptLen + take) {
                    kept =
                            Arrays.copyOf(
                                    kept,
                                    Math.min(
                                            maxLineBytes,
                                            Math.max(kept.length * 2, keptLen + take)));
                }
                System.arraycopy(buf, pos, kept, keptLen, take);
                keptLen += take;
            } else if (kept == null) {
                kept = new byte[0];
            }
            if (keptLen >= maxLineBytes && total + n > maxLineBytes) {
                if (overflow == null) {
                    overflow = sha256();
                    overflow.update(kept, 0, keptLen);
                    int alreadyKept = (int) (maxLineBytes - total);
                    overflow.update(buf, pos + alreadyKept, n - alreadyKept);
                } else {
                    overflow.update(buf, pos, n);
                }
            }
            total += n;
            pos = end;
            if (nl >= 0) {
                pos++; // consume '\n'
                return finish(kept, keptLen, start, total, overflow);
            }
        }
    }

    private Line finish(byte[] kept, int keptLen, long start, long total, MessageDigest overflow) {
        lineNumber++;
        if (keptLen > 0 && total == keptLen && kept[keptLen - 1] == '\r') {
            keptLen--;
            total--;
        }
        byte[] bytes =
                kept == null
                        ? new byte[0]
                        : (kept.length == keptLen ? kept : Arrays.copyOf(kept, keptLen));
        String sha = overflow == null ? null : HexFormat.of().formatHex(overflow.digest());
        return new Line(bytes, start, lineNumber, total, sha);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos >= limit) {
            bufStart += limit;
            pos = 0;
            limit = 0;
        }
        int read = in.read(buf, limit, buf.length - limit);
        if (read < 0) {
            eof = true;
            return false;
        }
        limit += read;
        return true;
    }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    /**
     * Where the next newline is: sixteen, then eight bytes at a time (a word has a {@code \n} byte
     * exactly when the classic has-zero-byte test fires on it XOR newlines), since lines are long
     * and this scan touches every byte of the input.
     */
    private static int indexOf(byte[] a, int from, int to, byte b) {
        long pattern = ONES * (b & 0xff);
        int i = from;
        for (; i + 16 <= to; i += 16) {
            long x0 = (long) LONGS.get(a, i) ^ pattern;
            long x1 = (long) LONGS.get(a, i + 8) ^ pattern;
            long f0 = (x0 - ONES) & ~x0 & HIGHS;
            long f1 = (x1 - ONES) & ~x1 & HIGHS;
            if ((f0 | f1) != 0) {
                return f0 != 0
                        ? i + (Long.numberOfTrailingZeros(f0) >>> 3)
                        : i + 8 + (Long.numberOfTrailingZeros(f1) >>> 3);
            }
        }
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(a, i) ^ pattern;
            long found = (x - ONES) & ~x & HIGHS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
