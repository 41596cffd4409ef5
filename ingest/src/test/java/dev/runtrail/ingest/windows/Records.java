package dev.runtrail.ingest.windows;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Test helpers: read a whole input, find the shared samples. */
public final class Records {
    private Records() {}

    /** Everything one reader yields, split into events and dead letters, in input order. */
    public record Result(List<Parsed> all, List<EcsDocument> events, List<DeadLetter> dead) {}

    public static Result readAll(dev.runtrail.ingest.Format format, InputSource input)
            throws IOException {
        List<Parsed> all = TestReading.readAll(format, input);
        return new Result(all, TestReading.events(all), TestReading.deadLetters(all));
    }

    public static InputSource text(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public static InputSource bytes(String name, byte[] content) {
        return InputSource.of(SourceRef.of(name), name, content);
    }

    /** A folder of the shared samples; skips the test when the samples are absent. */
    public static Path samples(String folder) {
        return TestReading.samples().resolve(folder);
    }

    /** A minimal Security record for mapping tests. */
    public static WindowsRecord security(long eventId, Map<String, String> data) {
        return new WindowsRecord(
                "Microsoft-Windows-Security-Auditing",
                "{54849625-5478-4994-a5ba-3e3b0328c30d}",
                eventId,
                0,
                0,
                12544,
                0,
                "0x8020000000000000",
                java.time.Instant.parse("2024-05-01T12:00:03.1234567Z"),
                1000,
                "Security",
                "WIN-01.corp.example",
                912L,
                968L,
                null,
                data,
                null);
    }
}
