package dev.runtrail.sampledata;

import java.io.IOException;
import java.time.Instant;

/**
 * Something that happens in the world from a start time on and writes records: a DAG run, a
 * background logon, an injected anomaly. Nothing it writes is earlier than {@link #start}.
 */
interface Activity {
    Instant start();

    void perform(Outputs out) throws IOException;
}
