package dev.runtrail.sampledata.windows;

import java.io.Closeable;
import java.io.IOException;

/** Writes one host's Security records, in record-id order, to one file in one export format. */
public interface EventFileWriter extends Closeable {
    void write(long recordId, int threadId, WinEvent event) throws IOException;
}
