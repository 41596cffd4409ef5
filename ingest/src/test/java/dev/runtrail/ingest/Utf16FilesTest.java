package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file saved as UTF-16 (as Windows PowerShell 5.1 redirects output) parses to the same records as
 * the same text in UTF-8: every real text sample of the shared folder, written as UTF-16LE and as
 * UTF-16BE (and gzipped UTF-16LE) under the same relative path, gives the same events and dead
 * letters (positions count bytes of the UTF-8 transcoding, which is the original file). Only what
 * names the file differs.
 */
class Utf16FilesTest {
    @TempDir Path dir;

    @Test
    void everyTextSampleParsesTheSameFromUtf16() throws IOException {
        Path samples = TestReading.samples();
        List<Path> texts;
        try (Stream<Path> files = Files.walk(samples)) {
            texts =
                    files.filter(Files::isRegularFile)
                            .filter(f -> !samples.relativize(f).startsWith("reference"))
                            .filter(Utf16FilesTest::isUtf8Text)
                            .sorted()
                            .toList();
        }
        assertThat(texts).as("text samples").hasSizeGreaterThan(20);
        long events = 0;
        for (Path original : texts) {
            Path relative = samples.relativize(original);
            List<Object> expected = describe(original, original);
            String text = Files.readString(original, StandardCharsets.UTF_8);
            for (String charset : List.of("UTF-16LE", "UTF-16BE", "UTF-16LE.gz")) {
                Path copy = dir.resolve(charset).resolve(relative.toString());
                Files.createDirectories(copy.getParent());
                byte[] utf16 = ("\ufeff" + text).getBytes(charset.replace(".gz", ""));
                Files.write(copy, charset.endsWith(".gz") ? gzip(utf16) : utf16);
                assertThat(describe(copy, original))
                        .as(relative + " in " + charset)
                        .isEqualTo(expected);
            }
            events += expected.stream().filter(Map.class::isInstance).count();
        }
        assertThat(events).as("events compared").isGreaterThan(1000);
    }

    @Test
    void aLineWithInvalidUtf16IsDeadLetteredAndTheOthersParse() throws IOException {
        String good =
                "10.0.0.%d - 0b1c5d2e-7f00-4a1b-9c2d-3e4f5a6b7c8d - alice@corp.example"
                        + " [2024/05/01 12:00:0%d] airflow.corp.example GET 10.2.0.5:8080"
                        + " \"/home\" HTTP/1.1 \"curl/8.0\" 200 512 0.004\n";
        String first = String.format(good, 1, 1);
        String bad = String.format(good, 2, 2).replace("alice", "al\udc00ce");
        String third = String.format(good, 3, 3);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xFE);
        for (char c : (first + bad + third).toCharArray()) {
            // code unit by code unit, so that the lone surrogate stays as it is
            out.write(c & 0xff);
            out.write(c >>> 8);
        }
        Path file = dir.resolve("oauth2-proxy.log");
        Files.write(file, out.toByteArray());

        List<Parsed> all;
        try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
            all = TestReading.readAll(reader);
        }
        List<EcsDocument> events = TestReading.events(all);
        List<DeadLetter> dead = TestReading.deadLetters(all);
        assertThat(all).hasSize(3);
        assertThat(events)
                .extracting(e -> e.get(Ecs.SOURCE_IP))
                .containsExactly("10.0.0.1", "10.0.0.3");
        long secondLine = first.getBytes(StandardCharsets.UTF_8).length;
        assertThat(dead)
                .singleElement()
                .satisfies(
                        d -> {
                            assertThat(d.line()).isEqualTo(2);
                            assertThat(d.position()).isEqualTo(secondLine);
                            assertThat(d.reason())
                                    .contains("UTF-8")
                                    .contains(file.toAbsolutePath() + " is UTF-16")
                                    .contains("0xFF");
                            assertThat(d.raw())
                                    .startsWith(
                                            "10.0.0.2 - 0b1c5d2e-7f00-4a1b-9c2d-3e4f5a6b7c8d - al"
                                                    .getBytes(StandardCharsets.UTF_8))
                                    .contains((byte) 0xFF);
                        });
        assertThat(events.get(1).getLong(Ecs.RUNTRAIL_SOURCE_POSITION))
                .as("positions count bytes of the UTF-8 transcoding")
                .isEqualTo(secondLine + bad.length()); // ASCII, and one byte for the bad unit
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    private static boolean isUtf8Text(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 2 || bytes[0] == (byte) 0xEF || bytes[0] == 0x1f) {
                return false; // a UTF-8 byte order mark, or gzip
            }
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
            return bytes[0] != 'E' || bytes[1] != 'l'; // not an EVTX file ("ElfFile")
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Each record of the file: an event's fields, without those that name the file (its path and
     * the ids made from it), or a dead letter's position, bytes and reason up to the note a UTF-16
     * input adds.
     */
    private static List<Object> describe(Path file, Path original) throws IOException {
        List<Object> out = new ArrayList<>();
        InputSource input = InputSource.of(file);
        String where = original.toAbsolutePath().normalize().toString();
        assertThat(input.transcodedFromUtf16()).isEqualTo(!file.equals(original));
        try (RecordReader reader = FileParser.open(input, null)) {
            for (Parsed p; (p = reader.next()) != null; ) {
                if (p instanceof EcsDocument doc) {
                    Map<String, Object> fields = new LinkedHashMap<>(doc.fields());
                    fields.remove(Ecs.RUNTRAIL_SOURCE);
                    fields.remove(Ecs.EVENT_ID);
                    out.add(fields);
                } else {
                    DeadLetter d = (DeadLetter) p;
                    String reason = d.reason().replace(input.path(), where);
                    int note = reason.indexOf(" (" + where + " is UTF-16");
                    out.add(
                            List.of(
                                    d.position(),
                                    d.line(),
                                    note < 0 ? reason : reason.substring(0, note),
                                    new String(d.raw(), StandardCharsets.ISO_8859_1)));
                }
            }
        }
        return out;
    }
}
