package dev.runtrail.ingest.windows.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Records decoded through {@link TemplatePlan}s equal those decoded by walking their templates (the
 * general path, itself checked against evtxexport by {@code EvtxReferenceTest}): same events with
 * the same rendered XML, same dead letters, on every shared sample and on damaged copies of one.
 */
class TemplatePlanTest {
    @Test
    void plansDecodeEverySampleLikeTheWalk() throws IOException {
        long planned = 0;
        long records = 0;
        List<Path> files;
        try (Stream<Path> list = Files.list(EvtxSamples.evtxDir())) {
            files = list.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        assertTrue(files.size() > 10, "expected the shared EVTX samples, found " + files);
        for (Path file : files) {
            InputSource input = InputSource.of(file);
            Decoding planned1 = decode(input, true);
            Decoding walked = decode(input, false);
            assertEquals(walked.lines, planned1.lines, file.toString());
            assertEquals(0, walked.planned, "the walk-only reader used no plan");
            planned += planned1.planned;
            records += planned1.lines.size();
        }
        // Most Security and System events have the plain template shape plans handle.
        assertTrue(planned > records / 2, planned + " of " + records + " records planned");
    }

    @Test
    void plansMatchTheWalkOnDamagedRecords() throws IOException {
        byte[] clean = Files.readAllBytes(EvtxSamples.sample("Security_short_selected.evtx"));
        Random random = new Random(20261202L);
        long planned = 0;
        int differentRuns = 0;
        List<String> cleanLines =
                decode(InputSource.of(SourceRef.of("damaged"), "damaged.evtx", clean), false).lines;
        for (int run = 0; run < 200; run++) {
            byte[] bytes = clean.clone();
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips; i++) {
                // Record bodies and their values: past the chunk header and string tables.
                int at = 4096 + 512 + random.nextInt(12288);
                bytes[at] = (byte) random.nextInt(256);
            }
            InputSource input = InputSource.of(SourceRef.of("damaged"), "damaged.evtx", bytes);
            Decoding withPlans = decode(input, true);
            Decoding walked = decode(input, false);
            assertEquals(walked.lines, withPlans.lines, "run " + run);
            planned += withPlans.planned;
            if (!walked.lines.equals(cleanLines)) {
                differentRuns++;
            }
        }
        assertTrue(planned > 0, "no damaged record went through a plan");
        assertTrue(differentRuns > 100, "the damage changed only " + differentRuns + " runs");
    }

    @Test
    void reusedTemplateBodiesMatchTheWalkOnDamagedLaterChunks() throws IOException {
        // 33 chunks of Security events, each defining again the templates of the first
        byte[] clean = Files.readAllBytes(EvtxSamples.sample("ts-evtx_Security.evtx"));
        int chunks = (clean.length - 4096) / 65536;
        Random random = new Random(20261203L);
        long reused = 0;
        int differentRuns = 0;
        InputSource cleanInput = InputSource.of(SourceRef.of("damaged"), "damaged.evtx", clean);
        Decoding cleanDecoding = decode(cleanInput, true);
        assertEquals(decode(cleanInput, false).lines, cleanDecoding.lines);
        assertTrue(
                cleanDecoding.reused > chunks * 2,
                "only "
                        + cleanDecoding.reused
                        + " template bodies reused in "
                        + chunks
                        + " chunks");
        for (int run = 0; run < 60; run++) {
            byte[] bytes = clean.clone();
            int flips = 1 + random.nextInt(6);
            for (int i = 0; i < flips; i++) {
                // The first records of a later chunk, where it defines its templates again.
                int chunk = 1 + random.nextInt(chunks - 1);
                int at = 4096 + chunk * 65536 + 512 + random.nextInt(6144);
                bytes[at] = (byte) random.nextInt(256);
            }
            InputSource input = InputSource.of(SourceRef.of("damaged"), "damaged.evtx", bytes);
            Decoding withPlans = decode(input, true);
            Decoding walked = decode(input, false);
            assertEquals(walked.lines, withPlans.lines, "run " + run);
            reused += withPlans.reused;
            if (!walked.lines.equals(cleanDecoding.lines)) {
                differentRuns++;
            }
        }
        assertTrue(reused > 0, "no template body was reused");
        assertTrue(differentRuns > 30, "the damage changed only " + differentRuns + " runs");
    }

    @Test
    void readersInterleavedOnOneThreadShareItsCachesAndDecodeLikeTheWalk() throws IOException {
        // Security events of two machines: templates alike, values not
        InputSource first = InputSource.of(EvtxSamples.sample("ts-evtx_Security.evtx"));
        InputSource second = InputSource.of(EvtxSamples.sample("Security_with_size_t.evtx"));
        List<String> firstLines = new ArrayList<>();
        List<String> secondLines = new ArrayList<>();
        try (EvtxReader a = EvtxReader.open(first);
                EvtxReader b = EvtxReader.open(second)) {
            boolean aDone = false;
            boolean bDone = false;
            while (!aDone || !bDone) {
                aDone = aDone || !readSome(a, 7, firstLines);
                bDone = bDone || !readSome(b, 3, secondLines);
            }
        }
        assertEquals(decode(first, false).lines, firstLines);
        assertEquals(decode(second, false).lines, secondLines);
    }

    @Test
    void aReaderMovedToAnotherThreadDecodesLikeTheWalk() throws Exception {
        InputSource input = InputSource.of(EvtxSamples.sample("ts-evtx_Security.evtx"));
        List<String> lines = new ArrayList<>();
        try (EvtxReader reader = EvtxReader.open(input);
                EvtxReader other = EvtxReader.open(input)) {
            readSome(reader, 100, lines); // in the middle of the second chunk
            java.util.concurrent.ExecutorService pool =
                    java.util.concurrent.Executors.newSingleThreadExecutor();
            try {
                java.util.concurrent.Future<?> rest =
                        pool.submit(
                                () -> {
                                    while (readSome(reader, 50, lines)) {
                                        // on
                                    }
                                    return null;
                                });
                // meanwhile this thread's caches keep serving another reader
                List<String> otherLines = new ArrayList<>();
                while (readSome(other, 50, otherLines)) {
                    // on
                }
                rest.get();
                assertEquals(decode(input, false).lines, otherLines);
            } finally {
                pool.shutdown();
            }
        }
        assertEquals(decode(input, false).lines, lines);
    }

    /** Reads up to {@code count} results into {@code lines}; false once the reader is done. */
    private static boolean readSome(EvtxReader reader, int count, List<String> lines)
            throws IOException {
        for (int i = 0; i < count; i++) {
            Parsed p = reader.next();
            if (p == null) {
                return false;
            }
            lines.add(line(p));
        }
        return true;
    }

    private static String line(Parsed p) {
        if (p instanceof EcsDocument d) {
            return EcsJson.toHitLine(d);
        }
        return EcsJson.toHitLine(((DeadLetter) p).toDocument(java.time.Instant.EPOCH));
    }

    private record Decoding(List<String> lines, long planned, long reused) {}

    /** Every result as one line: an event's hit JSON (with its XML), or a dead letter's. */
    private static Decoding decode(InputSource input, boolean usePlans) throws IOException {
        List<String> lines = new ArrayList<>();
        EvtxReader reader = EvtxReader.open(input);
        if (!usePlans) {
            reader.walkOnly();
        }
        try (reader) {
            for (Parsed p : TestReading.readAll(reader)) {
                if (p instanceof EcsDocument d) {
                    lines.add(EcsJson.toHitLine(d));
                } else {
                    lines.add(
                            EcsJson.toHitLine(
                                    ((DeadLetter) p).toDocument(java.time.Instant.EPOCH)));
                }
            }
            return new Decoding(lines, reader.plannedRecords(), reader.reusedTemplateBodies());
        }
    }
}
