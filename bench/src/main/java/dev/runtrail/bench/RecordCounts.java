package dev.runtrail.bench;

import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.time.Instant;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Records parsed, and the dead letters among them, reported by JMH as rates. */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RecordCounts {
    public long records;
    public long deadLetters;

    @Setup(Level.Iteration)
    public void reset() {
        records = 0;
        deadLetters = 0;
    }

    /** The moment every finished document of a benchmark is stamped as ingested. */
    private static final Instant INGESTED = Instant.parse("2024-05-01T12:00:00Z");

    /**
     * Reads a reader to its end, counting here and in {@code cpu}, the records (or with {@code
     * finish} the documents {@code runtrail parse} writes for them) kept alive.
     */
    void drain(RecordReader reader, boolean finish, CpuTime cpu, Blackhole bh) throws IOException {
        long n = 0;
        Parsed p;
        while ((p = reader.next()) != null) {
            n++;
            if (p instanceof DeadLetter) {
                deadLetters++;
            }
            bh.consume(emitted(p, finish));
        }
        records += n;
        cpu.update(n);
    }

    /** The record as the parse command and the jobs emit it, or as parsed. */
    static Object emitted(Parsed p, boolean finish) {
        return finish ? Documents.finish(p, INGESTED) : p;
    }
}
