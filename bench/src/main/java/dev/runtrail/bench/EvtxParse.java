package dev.runtrail.bench;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.windows.evtx.EvtxReader;
import java.io.IOException;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One operation parses a whole EVTX file to the ECS documents (and dead letters) {@code runtrail
 * parse} emits, single-threaded. The {@code records} counter reports records per second (events +
 * dead letters), {@code deadLetters} the dead letters among them; the primary score is files per
 * second. On a shared, loaded machine wall-clock rates understate the parser, so {@code
 * recordsTotal} and {@code cpuMillis} (sums per iteration) give records per CPU second as {@code
 * recordsTotal / cpuMillis * 1000}.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar EvtxParse -p path=FILE}. The warm-up is long
 * because one operation is a whole file and the JIT needs a few dozen of them.
 */
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 5, time = 3)
public class EvtxParse extends OneThreadThroughput {
    /** The EVTX file to parse. */
    @Param({""})
    public String path;

    private InputSource input;

    @Setup
    public void open() throws IOException {
        if (path.isEmpty()) {
            throw new IllegalArgumentException(
                    "Give the EVTX file to parse with -p path=FILE, e.g. -p"
                            + " path=../shared/samples/evtx/ts-evtx_Security.evtx.");
        }
        input = InputSource.of(Path.of(path));
    }

    @Benchmark
    public void parse(RecordCounts counts, Finishing finishing, CpuTime cpu, Blackhole blackhole)
            throws IOException {
        try (RecordReader reader = EvtxReader.open(input)) {
            counts.drain(reader, finishing, cpu, blackhole);
        }
    }
}
