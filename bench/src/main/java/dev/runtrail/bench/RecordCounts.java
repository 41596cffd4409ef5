package dev.runtrail.bench;

import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Parsed;
import java.io.IOException;
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

    /**
     * Reads a reader to its end, counting here and in {@code cpu}, what {@code finishing} makes of
     * each record kept alive.
     */
    void drain(RecordReader reader, Finishing finishing, CpuTime cpu, Blackhole bh)
            throws IOException {
        long n = 0;
        Parsed p;
        while ((p = reader.next()) != null) {
            n++;
            if (p instanceof DeadLetter) {
                deadLetters++;
            }
            bh.consume(finishing.emitted(p));
        }
        records += n;
        cpu.update(n);
    }
}
