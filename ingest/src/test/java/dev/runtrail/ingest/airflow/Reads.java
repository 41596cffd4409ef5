package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/** Test helpers: read a whole input with a format, find the shared samples. */
final class Reads {
    private Reads() {}

    /** Everything one input yields, in order, with the split into events and dead letters. */
    record Result(List<Parsed> all) {
        List<EcsDocument> events() {
            return TestReading.events(all);
        }

        List<DeadLetter> deadLetters() {
            return TestReading.deadLetters(all);
        }

        EcsDocument event(int i) {
            return events().get(i);
        }
    }

    static Result read(Format format, InputSource input) throws IOException {
        List<Parsed> all = TestReading.readAll(format, input);
        Result result = new Result(all);
        // read = events + dead letters, always
        assertThat(result.events().size() + result.deadLetters().size()).isEqualTo(all.size());
        return result;
    }

    static Result read(Format format, Path file) throws IOException {
        return read(format, InputSource.of(file));
    }

    /** An in-memory input whose path (for identity) is {@code path}. */
    static Result read(Format format, String path, String content) throws IOException {
        return read(
                format,
                InputSource.of(SourceRef.of(path), path, content.getBytes(StandardCharsets.UTF_8)));
    }

    static Path samples() {
        return TestReading.samples();
    }

    static Path sample(String relative) {
        Path file = samples().resolve(relative);
        Assumptions.assumeTrue(Files.isRegularFile(file), "sample absent: " + file);
        return file;
    }
}
