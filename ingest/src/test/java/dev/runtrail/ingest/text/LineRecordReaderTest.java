package dev.runtrail.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineRecordReaderTest {
    private static final SourceRef SOURCE = SourceRef.of("mem.log");

    /** Lines starting with '#' are records; indented lines continue them; "bad" is refused. */
    private static final LineParser PARSER =
            new LineParser() {
                @Override
                public Parsed parse(String text, Line record) {
                    if (text.startsWith("bad")) {
                        return DeadLetter.of(
                                SOURCE,
                                record.offset(),
                                record.number(),
                                "t",
                                "bad line",
                                record.bytes());
                    }
                    if (text.startsWith("boom")) {
                        throw new IllegalStateException("parser bug");
                    }
                    return EcsDocument.event(null).put(Ecs.MESSAGE, text);
                }

                @Override
                public boolean isContinuation(byte[] line) {
                    return line.length > 0 && line[0] == ' ';
                }
            };

    private static List<Parsed> read(byte[] bytes, int max) throws IOException {
        try (LineRecordReader reader =
                new LineRecordReader(
                        InputSource.of(SOURCE, "mem.log", bytes), PARSER, "t", "test.ds", max)) {
            List<Parsed> out = TestReading.readAll(reader);
            assertThat(reader.bytesRead()).isEqualTo(bytes.length);
            return out;
        }
    }

    private static List<Parsed> read(String text) throws IOException {
        return read(text.getBytes(StandardCharsets.UTF_8), 1 << 20);
    }

    @Test
    void eventsCarryRawTextHashPositionAndADeterministicId() throws IOException {
        List<Parsed> out = read("first\r\nsecond\n");

        assertThat(out).hasSize(2);
        EcsDocument second = (EcsDocument) out.get(1);
        assertThat(second.getString(Ecs.EVENT_ORIGINAL)).isEqualTo("second");
        assertThat(second.getString(Ecs.EVENT_HASH))
                .isEqualTo(Hashing.sha256Hex("second".getBytes(StandardCharsets.UTF_8)));
        assertThat(second.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(7L);
        assertThat(second.getString(Ecs.EVENT_DATASET)).isEqualTo("test.ds");
        assertThat(second.id()).isEqualTo(Hashing.docId("mem.log", "7"));
        assertThat(second.getString(Ecs.EVENT_ID)).isEqualTo(second.id());
        assertThat(((EcsDocument) out.get(0)).getString(Ecs.EVENT_ORIGINAL)).isEqualTo("first");
    }

    @Test
    void continuationLinesStayWithTheirRecordAndBlankLinesAreNotRecords() throws IOException {
        List<Parsed> out = read("head\n  trace 1\n\n  trace 2\n\n\nnext\n");

        assertThat(out)
                .extracting(p -> ((EcsDocument) p).getString(Ecs.MESSAGE))
                .containsExactly("head\n  trace 1\n\n  trace 2", "next");
    }

    @Test
    void badLinesInvalidUtf8AndParserBugsBecomeDeadLettersAndReadingGoesOn() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("ok 1\nbad one\n".getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(new byte[] {'x', (byte) 0xC3, (byte) 0x28, '\n'});
        bytes.writeBytes("boom\nok 2".getBytes(StandardCharsets.UTF_8));

        List<Parsed> out = read(bytes.toByteArray(), 1 << 20);

        assertThat(out).hasSize(5);
        assertThat(out.get(1)).isInstanceOf(DeadLetter.class);
        DeadLetter utf8 = (DeadLetter) out.get(2);
        assertThat(utf8.reason()).contains("Invalid UTF-8").contains("line 3");
        assertThat(utf8.position()).isEqualTo(13);
        assertThat(utf8.raw()).containsExactly('x', (byte) 0xC3, (byte) 0x28);
        assertThat(((DeadLetter) out.get(3)).reason()).contains("line 4").contains("parser bug");
        assertThat(((EcsDocument) out.get(4)).getString(Ecs.MESSAGE)).isEqualTo("ok 2");
    }

    @Test
    void anOverLongLineIsOneDeadLetterWithItsFullLengthAndHash() throws IOException {
        String longLine = "y".repeat(5000);
        byte[] input = ("short\n" + longLine + "\nafter\n").getBytes(StandardCharsets.UTF_8);

        List<Parsed> out = read(input, 1000);

        assertThat(out).hasSize(3);
        DeadLetter letter = (DeadLetter) out.get(1);
        assertThat(letter.rawLength()).isEqualTo(5000);
        assertThat(letter.raw()).hasSize(1000);
        assertThat(letter.rawSha256())
                .isEqualTo(Hashing.sha256Hex(longLine.getBytes(StandardCharsets.UTF_8)));
        assertThat(letter.position()).isEqualTo(6);
        assertThat(letter.reason()).contains("5000 bytes").contains("limit of 1000");
        assertThat(((EcsDocument) out.get(2)).getString(Ecs.MESSAGE)).isEqualTo("after");
    }

    @Test
    void aByteOrderMarkIsNotPartOfTheFirstRecord() throws IOException {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i', '\n'};
        List<Parsed> out = read(bom, 100);
        assertThat(((EcsDocument) out.get(0)).getString(Ecs.MESSAGE)).isEqualTo("hi");
        assertThat(((EcsDocument) out.get(0)).getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(3L);
    }

    /**
     * A parser of one line per record reads lines in the reader's buffer, without a copy: over a
     * file of several buffers, with lines across their ends, every event and dead letter must still
     * hold exactly its own line, also once the buffer has been read over many times.
     */
    @Test
    void linesReadInPlaceStayIntactAcrossBufferEnds(@TempDir Path dir) throws IOException {
        // PARSER's events and dead letters, a line each
        LineParser inPlace =
                new LineParser() {
                    @Override
                    public Parsed parse(String text, Line record) {
                        return PARSER.parse(text, record);
                    }

                    @Override
                    public boolean oneLinePerRecord() {
                        return true;
                    }
                };
        // lines of 0 to 3,000 bytes (the reader's buffer holds 64 KiB), some ending in CRLF, some
        // blank, some refused by the parser, some of invalid UTF-8, some with non-ASCII letters
        Random random = new Random(42);
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        List<byte[]> records = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        while (file.size() < 300_000) {
            int kind = random.nextInt(20);
            byte[] line;
            if (kind == 0) {
                line = " \t".getBytes(StandardCharsets.UTF_8); // blank: no record
            } else if (kind == 1) {
                line = ("bad " + "b".repeat(random.nextInt(2000))).getBytes(StandardCharsets.UTF_8);
            } else if (kind == 2) {
                line = new byte[] {'x', (byte) 0xC3, (byte) 0x28};
            } else if (kind == 3) {
                line =
                        ("Grüße " + "ü".repeat(random.nextInt(500)))
                                .getBytes(StandardCharsets.UTF_8);
            } else {
                char letter = (char) ('a' + records.size() % 26);
                line =
                        (records.size() + " " + String.valueOf(letter).repeat(random.nextInt(3000)))
                                .getBytes(StandardCharsets.UTF_8);
            }
            if (kind != 0) {
                records.add(line);
                offsets.add((long) file.size());
            }
            file.write(line);
            file.write(random.nextInt(4) == 0 ? new byte[] {'\r', '\n'} : new byte[] {'\n'});
        }
        Path path = dir.resolve("lines.log");
        Files.write(path, file.toByteArray());

        List<Parsed> out;
        try (LineRecordReader reader =
                new LineRecordReader(InputSource.of(path), inPlace, "t", "test.ds")) {
            out = TestReading.readAll(reader);
            assertThat(reader.bytesRead()).isEqualTo(file.size());
        }

        assertThat(out).hasSize(records.size());
        for (int i = 0; i < records.size(); i++) {
            byte[] expected = records.get(i);
            String text = new String(expected, StandardCharsets.UTF_8);
            Parsed parsed = out.get(i);
            if (parsed instanceof EcsDocument event) {
                assertThat(event.getString(Ecs.EVENT_ORIGINAL)).as("record %d", i).isEqualTo(text);
                assertThat(event.getString(Ecs.MESSAGE)).as("record %d", i).isEqualTo(text);
                assertThat(event.getString(Ecs.EVENT_HASH))
                        .as("record %d", i)
                        .isEqualTo(Hashing.sha256Hex(expected));
                assertThat(event.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(offsets.get(i));
            } else {
                DeadLetter letter = (DeadLetter) parsed;
                assertThat(Arrays.equals(letter.raw(), expected))
                        .as("dead letter %d holds its own line", i)
                        .isTrue();
                assertThat(letter.position()).isEqualTo(offsets.get(i));
                assertThat(letter.reason())
                        .as("record %d", i)
                        .matches(
                                r ->
                                        text.startsWith("bad")
                                                ? r.equals("bad line")
                                                : r.contains("Invalid UTF-8"));
            }
        }
        assertThat(out).filteredOn(p -> p instanceof DeadLetter).hasSizeGreaterThan(10);
    }
}
