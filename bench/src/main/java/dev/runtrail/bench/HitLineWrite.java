package dev.runtrail.bench;

import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ECS events to the NDJSON hit lines every sink writes ({@code {"_id":..,"_source":{..}}}, the
 * bytes the NDJSON files hold and the Elasticsearch bulk bodies and Kafka records carry): one
 * operation writes every document parsed from {@code path} (a file or a folder, formats detected as
 * {@code runtrail parse} does; parsed, redacted and dead letters made documents once, at setup, as
 * the sinks receive them). The {@code records} counter gives lines per second, {@code recordsTotal
 * / cpuMillis * 1000} lines per CPU second.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar HitLineWrite -p path=DIR}; without it, the
 * bundled {@code sample-data} when run from the project folder.
 */
public class HitLineWrite extends OneThreadThroughput {
    /** A file or folder of source records. */
    @Param({"sample-data"})
    public String path;

    private List<EcsDocument> events;

    @Setup
    public void parse() throws IOException {
        Instant ingested = Instant.now();
        events = new ArrayList<>();
        for (Path file : InputFiles.expand(List.of(Path.of(path)))) {
            try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
                for (Parsed parsed; (parsed = reader.next()) != null; ) {
                    events.add(Documents.finish(parsed, ingested));
                }
            }
        }
        if (events.isEmpty()) {
            throw new IllegalArgumentException("No records parsed from " + path + ".");
        }
    }

    @Benchmark
    public void write(RecordCounts counts, CpuTime cpu, Blackhole bh) {
        for (EcsDocument doc : events) {
            bh.consume(EcsJson.toHitLineBytes(doc));
        }
        counts.records += events.size();
        cpu.update(events.size());
    }
}
