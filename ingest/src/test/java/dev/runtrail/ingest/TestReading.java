package dev.runtrail.ingest;

import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Test helpers shared by the parser tests: every record of an input in order, its split into events
 * and dead letters, and the shared samples folder.
 */
public final class TestReading {
    private TestReading() {}

    /** Everything the reader yields until its end; the caller closes it. */
    public static List<Parsed> readAll(RecordReader reader) throws IOException {
        List<Parsed> all = new ArrayList<>();
        for (Parsed p = reader.next(); p != null; p = reader.next()) {
            all.add(p);
        }
        return all;
    }

    /** Everything {@code format} reads from {@code input}, in order. */
    public static List<Parsed> readAll(Format format, InputSource input) throws IOException {
        try (RecordReader reader = format.open(input)) {
            return readAll(reader);
        }
    }

    public static List<EcsDocument> events(List<Parsed> all) {
        return all.stream()
                .filter(EcsDocument.class::isInstance)
                .map(EcsDocument.class::cast)
                .toList();
    }

    public static List<DeadLetter> deadLetters(List<Parsed> all) {
        return all.stream()
                .filter(DeadLetter.class::isInstance)
                .map(DeadLetter.class::cast)
                .toList();
    }

    /** The shared samples folder; skips the test when it is absent. */
    public static Path samples() {
        return present(Path.of(System.getProperty("runtrail.samples", "../../shared/samples")));
    }

    /** A folder of the shared samples; skips the test when that folder is absent. */
    public static Path samplesFolder(String folder) {
        return present(
                Path.of(System.getProperty("runtrail.samples", "../../shared/samples"), folder));
    }

    private static Path present(Path dir) {
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared samples absent: " + dir);
        return dir;
    }
}
