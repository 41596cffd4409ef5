package dev.runtrail.bench;

import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The field storage of {@link EcsDocument} against the {@code LinkedHashMap} it replaced, in one
 * run so that the comparison does not depend on how busy the machine is: both fill the fields of a
 * Winlogbeat 4624 logon event (59 fields), read a few back as the mappers do, walk them once as
 * JSON writing and the Flink serializer do, and take a copy as correlation state does. {@code
 * recordsTotal / cpuMillis * 1000} is documents per CPU second (see {@link CpuTime}).
 */
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class FieldStorage extends OneThreadThroughput {
    private static final int DOCUMENTS = 100;
    private static final String[] READ = {
        "@timestamp", "event.code", "winlog.event_data.TargetLogonId", "host.name", "user.name"
    };

    private String[] keys;
    private Object[] values;

    @Setup
    public void load() throws IOException {
        byte[] input = WinlogbeatParse.generate(1); // the first generated event is a 4624
        InputSource source = InputSource.of(SourceRef.of("bench"), "bench.ndjson", input);
        try (RecordReader reader = Formats.byName("winlogbeat-json").orElseThrow().open(source)) {
            EcsDocument doc = (EcsDocument) reader.next();
            keys = doc.fields().keySet().toArray(new String[0]);
            values = doc.fields().values().toArray();
        }
    }

    @Benchmark
    @OperationsPerInvocation(DOCUMENTS)
    public void ecsDocument(CpuTime cpu, Blackhole bh) {
        for (int d = 0; d < DOCUMENTS; d++) {
            EcsDocument doc = EcsDocument.event(null);
            Map<String, Object> fields = doc.mutableFields();
            for (int i = 0; i < keys.length; i++) {
                fields.put(keys[i], values[i]);
            }
            for (String key : READ) {
                bh.consume(fields.get(key));
            }
            int hash = 0;
            for (int i = 0, n = doc.fieldCount(); i < n; i++) {
                hash += doc.fieldName(i).length() + (doc.fieldValue(i) instanceof Instant ? 1 : 0);
            }
            bh.consume(hash);
            bh.consume(doc.copy());
        }
        cpu.update(DOCUMENTS);
    }

    /**
     * What {@link EcsDocument} did before: a {@code LinkedHashMap} of 64, copied at twice the size.
     */
    @Benchmark
    @OperationsPerInvocation(DOCUMENTS)
    public void linkedHashMap(CpuTime cpu, Blackhole bh) {
        for (int d = 0; d < DOCUMENTS; d++) {
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>(64);
            for (int i = 0; i < keys.length; i++) {
                fields.put(keys[i], values[i]);
            }
            for (String key : READ) {
                bh.consume(fields.get(key));
            }
            int hash = 0;
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                hash += e.getKey().length() + (e.getValue() instanceof Instant ? 1 : 0);
            }
            bh.consume(hash);
            LinkedHashMap<String, Object> copy = new LinkedHashMap<>(fields.size() * 2);
            for (Map.Entry<String, Object> e : fields.entrySet()) {
                Object v = e.getValue();
                copy.put(e.getKey(), v instanceof List<?> l ? new ArrayList<>(l) : v);
            }
            bh.consume(copy);
        }
        cpu.update(DOCUMENTS);
    }
}
