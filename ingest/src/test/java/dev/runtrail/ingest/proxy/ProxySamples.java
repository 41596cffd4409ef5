package dev.runtrail.ingest.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Reading helpers shared by the proxy parser tests. */
final class ProxySamples {
    private ProxySamples() {}

    /** The shared proxy samples folder; skips the test when it is absent. */
    static Path dir() {
        return TestReading.samplesFolder("proxy");
    }

    static Path sample(String name) {
        return dir().resolve(name);
    }

    /** Every record of a file, checking that the reader ends cleanly. */
    static List<Parsed> readAll(Format format, Path file) throws IOException {
        return readAll(format, InputSource.of(file));
    }

    static List<Parsed> readAll(Format format, String text) throws IOException {
        return readAll(format, text.getBytes(StandardCharsets.UTF_8));
    }

    static List<Parsed> readAll(Format format, byte[] bytes) throws IOException {
        return readAll(format, InputSource.of(SourceRef.of("fixture"), "fixture.log", bytes));
    }

    static List<Parsed> readAll(Format format, InputSource input) throws IOException {
        try (RecordReader reader = format.open(input)) {
            List<Parsed> out = TestReading.readAll(reader);
            assertThat(reader.bytesRead()).isEqualTo(input.length());
            return out;
        }
    }

    static List<EcsDocument> events(List<Parsed> all) {
        return TestReading.events(all);
    }

    static List<DeadLetter> deadLetters(List<Parsed> all) {
        return TestReading.deadLetters(all);
    }
}
