package dev.runtrail.bench;

import dev.runtrail.ingest.Documents;
import dev.runtrail.model.Parsed;
import java.time.Instant;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What the parse benchmarks do with each parsed record: by default what {@code runtrail parse} and
 * the jobs do, {@code Documents.finish} (dead letters as documents, redaction of every string
 * field); with {@code -p finish=false}, nothing, to measure the parser alone.
 */
@State(Scope.Benchmark)
public class Finishing {
    /** The moment every finished document of a benchmark is stamped as ingested. */
    private static final Instant INGESTED = Instant.parse("2024-05-01T12:00:00Z");

    @Param({"true"})
    public boolean finish;

    /** The record as the parse command and the jobs emit it, or as parsed. */
    Object emitted(Parsed p) {
        return finish ? Documents.finish(p, INGESTED) : p;
    }
}
