package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.SourceRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head an input reads once for detection, and the reads it spares. */
class InputSourceHeadTest {
    @TempDir Path tmp;

    @Test
    void aFileShorterThanTheHeadIsOpenedOnceForTheGzipCheckDetectionAndTwoReads()
            throws IOException {
        byte[] bytes = bytes(3000, 1);
        AtomicInteger opens = new AtomicInteger();
        InputSource input = counting(write("small.log", bytes), opens);

        assertThat(input.head()).isEqualTo(bytes);
        assertThat(readAll(input)).isEqualTo(bytes);
        assertThat(readAll(input)).isEqualTo(bytes);
        assertThat(opens).hasValue(1);
        assertThat(input.length()).isEqualTo(3000);
    }

    @Test
    void aFileLongerThanTheHeadIsReadFromTheFileAfterItsHead() throws IOException {
        byte[] bytes = bytes(Formats.SNIFF_BYTES + 100, 2);
        AtomicInteger opens = new AtomicInteger();
        InputSource input = counting(write("large.log", bytes), opens);

        assertThat(input.head()).isEqualTo(Arrays.copyOf(bytes, Formats.SNIFF_BYTES));
        assertThat(readAll(input)).isEqualTo(bytes);
        assertThat(opens).hasValue(2);
    }

    @Test
    void aFileOfExactlyTheHeadSizeIsReadAgainSinceItsEndWasNotSeen() throws IOException {
        byte[] bytes = bytes(Formats.SNIFF_BYTES, 3);
        AtomicInteger opens = new AtomicInteger();
        InputSource input = counting(write("exact.log", bytes), opens);

        assertThat(input.head()).isEqualTo(bytes);
        assertThat(readAll(input)).isEqualTo(bytes);
        assertThat(opens).hasValue(2);
    }

    @Test
    void anEmptyFileHasAnEmptyHeadAndNoBytes() throws IOException {
        AtomicInteger opens = new AtomicInteger();
        InputSource input = counting(write("empty.log", new byte[0]), opens);

        assertThat(input.head()).isEmpty();
        assertThat(readAll(input)).isEmpty();
        assertThat(opens).hasValue(1);
    }

    @Test
    void aGzipFilesHeadIsItsDecompressedStart() throws IOException {
        byte[] bytes = bytes(20_000, 4);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes);
        }
        InputSource input = InputSource.of(write("export.xml.gz", gz.toByteArray()));

        assertThat(input.length()).isEqualTo(-1);
        assertThat(input.head()).isEqualTo(Arrays.copyOf(bytes, Formats.SNIFF_BYTES));
        assertThat(readAll(input)).isEqualTo(bytes);
    }

    @Test
    void aSmallGzipFileIsDecompressedOnceForTheHeadAndThenServedFromIt() throws IOException {
        byte[] bytes = "one line\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(bytes);
        }
        AtomicInteger opens = new AtomicInteger();
        InputSource input = counting(write("tiny.log.gz", gz.toByteArray()), opens);

        assertThat(input.head()).isEqualTo(bytes);
        assertThat(readAll(input)).isEqualTo(bytes);
        // the gzip check, then the decompressed head
        assertThat(opens).hasValue(2);
    }

    @Test
    void anInputMadeWithoutAHeadReadsItOnTheFirstAsk() throws IOException {
        byte[] bytes = bytes(500, 5);
        AtomicInteger opens = new AtomicInteger();
        InputSource input =
                new InputSource(
                        SourceRef.of("mem"),
                        "mem",
                        bytes.length,
                        () -> {
                            opens.incrementAndGet();
                            return new java.io.ByteArrayInputStream(bytes);
                        });

        assertThat(readAll(input)).isEqualTo(bytes);
        assertThat(opens).hasValue(1);
        assertThat(input.head()).isEqualTo(bytes);
        assertThat(input.head()).isSameAs(input.head());
        assertThat(readAll(input)).isEqualTo(bytes);
        assertThat(opens).hasValue(2);
    }

    private Path write(String name, byte[] bytes) throws IOException {
        Path file = tmp.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static InputSource counting(Path file, AtomicInteger opens) throws IOException {
        return InputSource.decompressing(
                SourceRef.of(file.toString()),
                file.toString(),
                Files.size(file),
                () -> {
                    opens.incrementAndGet();
                    return Files.newInputStream(file);
                });
    }

    private static byte[] readAll(InputSource input) throws IOException {
        try (InputStream in = input.open()) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        if (n > 0) {
            b[0] = 'x'; // not the gzip magic
        }
        return b;
    }
}
