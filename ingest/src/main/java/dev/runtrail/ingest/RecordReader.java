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
}
