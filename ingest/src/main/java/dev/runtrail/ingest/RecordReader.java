package dev.runtrail.ingest;

import dev.runtrail.model.Parsed;
import java.io.Closeable;
import java.io.IOException;

/**
 * Pulls parsed records from one input, one at a time. Bad data never throws: each malformed record
 * comes back as a {@link dev.runtrail.model.DeadLetter} and reading goes on. Only I/O failures of
 * the underlying stream throw.
 */
public interface RecordReader extends Closeable {
    /** The next event or dead letter, or null at the end of the input. */
    Parsed next() throws IOException;

    /** Bytes consumed from the input so far, for progress reporting. */
    long bytesRead();

    /** A reader of no records (an empty input, a range that holds no record's start). */
    static RecordReader empty() {
        return Empty.INSTANCE;
    }

    /** See {@link #empty()}. */
    final class Empty implements RecordReader {
        private static final Empty INSTANCE = new Empty();

        private Empty() {}

        @Override
        public Parsed next() {
            return null;
        }

        @Override
        public long bytesRead() {
            return 0;
        }

        @Override
        public void close() {}
    }
}
