package dev.runtrail.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Adds the bytes read through it to a counter that its owner reads while a parser works: progress
 * in bytes of a file as stored, where the parser's own positions count decompressed or transcoded
 * bytes. Skipped bytes are not counted.
 */
public final class CountingInputStream extends FilterInputStream {
    private final long[] count;

    /**
     * @param count its first element is the counter
     */
    public CountingInputStream(InputStream in, long[] count) {
        super(in);
        this.count = count;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count[0]++;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count[0] += n;
        }
        return n;
    }
}
