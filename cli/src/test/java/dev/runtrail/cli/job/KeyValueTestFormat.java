package dev.runtrail.cli.job;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.text.LineParser;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.time.Instant;

/**
 * A format that exists only in tests, so the job's wiring is tested independently of the real
 * parsers: files named {@code *.kvtest} hold lines {@code <ISO time> <user>}; anything else on a
 * line is a dead letter. An optional third token {@code pid=<text>} becomes {@code process.pid},
 * kept as text whatever it holds.
 */
public final class KeyValueTestFormat implements Format {
    @Override
    public String name() {
        return "kv-test";
    }

    @Override
    public String dataset() {
        return "test.kv";
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        return fileName.endsWith(".kvtest") ? 100 : 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return new LineRecordReader(input, new Parser(input), name(), dataset());
    }

    private record Parser(InputSource input) implements LineParser {
        @Override
        public Parsed parse(String text, Line record) {
            String[] parts = text.split(" ");
            try {
                boolean withPid = parts.length == 3 && parts[2].startsWith("pid=");
                if (parts.length != 2 && !withPid) {
                    throw new IllegalArgumentException("expected '<time> <user> [pid=<pid>]'");
                }
                EcsDocument event =
                        EcsDocument.event(null)
                                .put(Ecs.TIMESTAMP, Instant.parse(parts[0]))
                                .put(Ecs.USER_NAME, parts[1]);
                // Kept as text on purpose: a pid that is not a number must reach the sink so
                // that its mapping conflict can be tested.
                return withPid ? event.put(Ecs.PROCESS_PID, parts[2].substring(4)) : event;
            } catch (RuntimeException e) {
                return DeadLetter.of(
                        input.ref(),
                        record.offset(),
                        record.number(),
                        "kv-test",
                        "Line " + record.number() + ": expected '<time> <user>'",
                        record.bytes());
            }
        }
    }
}
