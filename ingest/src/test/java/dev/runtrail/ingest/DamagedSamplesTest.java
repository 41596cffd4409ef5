package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage to the shared text and JSON samples (every folder but EVTX, which {@code
 * EvtxFuzzTest} covers): cut at any byte, bytes overwritten at random, the first 4 KB (what
 * detection reads) scribbled on, runs of zeros, a run copied over another place, bytes inserted,
 * escapes of JSON and XML inserted (half a surrogate pair, a NUL, a tab in a keyword). Whatever the
 * bytes, detection and parsing throw nothing, and no record reaches the readers' safety nets
 * ("Parser failed ...", "... mapper failed ..."), which only a parser bug reaches: damage must be
 * named by the parser that met it. Every record, finished as the jobs finish it, is written as a
 * hit line that reads back as JSON.
 */
class DamagedSamplesTest {
    private static final int COPIES = 2000;
    private static final Instant INGESTED = Instant.parse("2024-05-01T12:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Escapes a reader decodes into characters that must still be written out as JSON. */
    private static final String[] ESCAPES = {
        "\\ud83d",
        "\\ude00",
        "\\ud83d\\n",
        "\\u0000",
        "\\t",
        "\\u0070assword=",
        "&#xD800;",
        "&#0;",
        "&#x1F600;",
        "net\\tuse ",
        "&amp;"
    };

    @Test
    void damagedCopiesOfEverySampleParseToEventsAndNamedDeadLetters() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> all = Files.walk(TestReading.samples())) {
            all.filter(Files::isRegularFile)
                    .filter(DamagedSamplesTest::textSample)
                    .sorted()
                    .forEach(files::add);
        }
        assertThat(files).hasSizeGreaterThan(10);
        List<byte[]> contents = new ArrayList<>(files.size());
        for (Path file : files) {
            contents.add(Files.readAllBytes(file));
        }
        Random random = new Random(20261205L);
        long deadLetters = 0;
        for (int copy = 0; copy < COPIES; copy++) {
            int pick = random.nextInt(files.size());
            Path file = files.get(pick);
            byte[] bytes = contents.get(pick);
            if (bytes.length < 2) {
                continue;
            }
            byte[] damaged = damage(bytes, random);
            String name = file + "#" + copy;
            List<Parsed> out;
            try (RecordReader reader =
                    FileParser.open(InputSource.of(SourceRef.of(name), name, damaged), null)) {
                out = TestReading.readAll(reader);
            }
            for (Parsed p : out) {
                assertThat(p).isInstanceOfAny(EcsDocument.class, DeadLetter.class);
                byte[] line = EcsJson.toHitLineBytes(Documents.finish(p, INGESTED));
                assertThat(JSON.readTree(line).path("_source").isObject()).as(name).isTrue();
                if (p instanceof DeadLetter d) {
                    deadLetters++;
                    assertThat(d.reason())
                            .as(name)
                            .doesNotStartWith("Parser failed")
                            .doesNotContain("mapper failed");
                }
            }
        }
        assertThat(deadLetters).as("the damage must have been noticed somewhere").isPositive();
    }

    private static boolean textSample(Path p) {
        String s = p.toString();
        return !s.contains("/reference/")
                && !s.contains("/evtx/")
                && !s.endsWith(".evtx")
                && !s.endsWith(".md")
                && !s.endsWith(".tsv");
    }

    private static byte[] damage(byte[] bytes, Random random) {
        byte[] b = bytes.clone();
        switch (random.nextInt(7)) {
            case 0 -> b = Arrays.copyOf(b, 1 + random.nextInt(b.length - 1));
            case 1 -> {
                int flips = 1 + random.nextInt(40);
                for (int i = 0; i < flips; i++) {
                    b[random.nextInt(b.length)] = (byte) random.nextInt(256);
                }
            }
            case 2 -> {
                int at = random.nextInt(Math.min(4096, b.length));
                for (int i = at; i < Math.min(b.length, at + 8); i++) {
                    b[i] = (byte) random.nextInt(256);
                }
            }
            case 3 -> {
                int at = random.nextInt(b.length);
                Arrays.fill(b, at, Math.min(b.length, at + 1 + random.nextInt(2048)), (byte) 0);
            }
            case 4 -> {
                // a run of the file copied over another place (a misplaced block)
                int from = random.nextInt(b.length);
                int to = random.nextInt(b.length);
                int n = Math.min(1 + random.nextInt(512), b.length - Math.max(from, to));
                System.arraycopy(bytes, from, b, to, n);
            }
            case 5 -> {
                // an escape inserted where a value or a key may be
                byte[] escape =
                        ESCAPES[random.nextInt(ESCAPES.length)].getBytes(StandardCharsets.UTF_8);
                b = inserted(b, random.nextInt(b.length), escape);
            }
            default -> {
                // a few random bytes inserted: everything after moves
                byte[] noise = new byte[1 + random.nextInt(16)];
                random.nextBytes(noise);
                b = inserted(b, random.nextInt(b.length), noise);
            }
        }
        return b;
    }

    private static byte[] inserted(byte[] b, int at, byte[] inserted) {
        byte[] longer = new byte[b.length + inserted.length];
        System.arraycopy(b, 0, longer, 0, at);
        System.arraycopy(inserted, 0, longer, at, inserted.length);
        System.arraycopy(b, at, longer, at + inserted.length, b.length - at);
        return longer;
    }
}
