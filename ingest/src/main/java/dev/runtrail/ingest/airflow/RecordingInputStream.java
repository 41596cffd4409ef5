package dev.runtrail.ingest.airflow;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Keeps the bytes read through it, from the last {@link #release} point on, so that a streaming
 * JSON parser's element can be cut out as raw bytes ({@code event.original}, {@code event.hash}) by
 * the byte offsets the parser reports. Memory holds one element plus the parser's read-ahead.
 */
final class RecordingInputStream extends FilterInputStream {
    private static final int INITIAL_CAPACITY = 16 * 1024;

    private byte[] buf;
    private long base; // input offset of buf[0]
    private int len;

    /**
     * @param length the input's length when known, else -1: a raw record from Kafka is often a few
     *     hundred bytes, and a fresh 16 KB buffer for each one cost more than reading it
     */
    RecordingInputStream(InputStream in, long length) {
        super(in);
        int capacity =
                length >= 0 && length < INITIAL_CAPACITY ? (int) length + 1 : INITIAL_CAPACITY;
        this.buf = new byte[capacity];
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            ensure(1);
            buf[len++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int n) throws IOException {
        int r = in.read(b, off, n);
        if (r > 0) {
            ensure(r);
            System.arraycopy(b, off, buf, len, r);
            len += r;
        }
        return r;
    }

    @Override
    public long skip(long n) throws IOException {
        // read instead of skipping, so that the recording has no gaps
        byte[] tmp = new byte[(int) Math.min(n, 8192)];
        int r = read(tmp, 0, tmp.length);
        return Math.max(r, 0);
    }

    /** Reads everything left in the stream into the recording. */
    void drain() throws IOException {
        byte[] tmp = new byte[8192];
        while (read(tmp, 0, tmp.length) >= 0) {
            // recorded by read
        }
    }

    /** Bytes read so far. */
    long total() {
        return base + len;
    }

    /** The recorded bytes {@code [from, to)}, clamped to what is still recorded. */
    byte[] slice(long from, long to) {
        int a = (int) Math.max(0, from - base);
        int b = (int) Math.min(len, Math.max(a, to - base));
        return Arrays.copyOfRange(buf, a, b);
    }

    /** Forgets the bytes before {@code offset}. */
    void release(long offset) {
        int drop = (int) Math.min(len, Math.max(0, offset - base));
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, len - drop);
            len -= drop;
            base += drop;
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(Math.max(buf.length * 2, 256), len + more));
        }
    }
}
