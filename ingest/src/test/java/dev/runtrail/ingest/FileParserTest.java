package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Parsed;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a file that no format recognises yields: one dead letter, unless it holds nothing. */
class FileParserTest {
    @TempDir Path dir;

    private List<Parsed> read(Path file) throws IOException {
        try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
            return TestReading.readAll(reader);
        }
    }

    @Test
    void anUnrecognisedFileIsOneDeadLetterWithItsHead() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "shopping list: milk\n");

        List<Parsed> all = read(file);

        assertThat(all).hasSize(1);
        DeadLetter letter = (DeadLetter) all.get(0);
        assertThat(letter.reason()).startsWith("No format recognises " + file);
        assertThat(new String(letter.raw(), StandardCharsets.UTF_8))
                .isEqualTo("shopping list: milk\n");
    }

    @Test
    void anEmptyFileYieldsNothingWhateverItsName() throws IOException {
        Path gz = dir.resolve("rotated.gz");
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        new GZIPOutputStream(empty).close();
        Files.write(gz, empty.toByteArray());

        for (Path file :
                List.of(
                        Files.write(dir.resolve("notes.txt"), new byte[0]),
                        Files.write(dir.resolve("access.log"), new byte[0]),
                        Files.write(dir.resolve("Security.evtx"), new byte[0]),
                        gz)) {
            assertThat(read(file)).as(file.toString()).isEmpty();
        }
    }
}
