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
    private byte[] buf = new byte[16 * 1024];
    private long base; // input offset of buf[0]
    private int len;

    RecordingInputStream(InputStream in) {
        super(in);
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
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
