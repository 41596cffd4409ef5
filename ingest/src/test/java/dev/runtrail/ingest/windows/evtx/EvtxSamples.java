package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Locates the shared EVTX samples and reads files or in-memory bytes with our reader. */
final class EvtxSamples {
    private EvtxSamples() {}

    static Path root() {
        return Path.of(System.getProperty("runtrail.samples", "../../shared/samples"));
    }

    static Path evtxDir() {
        return TestReading.samplesFolder("evtx");
    }

    static Path sample(String name) {
        Path file = evtxDir().resolve(name);
        Assumptions.assumeTrue(Files.isRegularFile(file), "sample absent: " + file);
        return file;
    }

    static List<Parsed> readAll(InputSource input) throws IOException {
        try (RecordReader reader = EvtxReader.open(input)) {
            return TestReading.readAll(reader);
        }
    }

    static List<Parsed> readAll(Path file) throws IOException {
        return readAll(InputSource.of(file));
    }

    static List<Parsed> readAll(String name, byte[] bytes) throws IOException {
        return readAll(InputSource.of(SourceRef.of(name), name, bytes));
    }
}
