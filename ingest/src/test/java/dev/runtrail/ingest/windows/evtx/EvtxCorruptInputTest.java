package dev.runtrail.ingest.windows.evtx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Parsed;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Corrupt input built in memory from a clean sample (system.evtx: 15 used chunks, 1881 records,
 * followed by two all-zero chunks): each damage gives exactly the expected dead letters, and the
 * records elsewhere still come out. Record counts per chunk are read here from the chunk headers
 * ({@code last - first record number + 1}), independently of the reader.
 */
class EvtxCorruptInputTest {
    private static final int HEADER = 4096;
    private static final int CHUNK = 65536;
    private static byte[] clean;
    private static int total;

    @BeforeAll
    static void load() throws Exception {
        clean = Files.readAllBytes(EvtxSamples.sample("system.evtx"));
        total = 0;
        for (int c = 0; c < 15; c++) {
            total += recordsInChunk(clean, c);
        }
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int recordsInChunk(byte[] file, int chunk) {
        int at = HEADER + chunk * CHUNK;
        return (int) (le(file).getLong(at + 16) - le(file).getLong(at + 8) + 1);
    }

    private static List<DeadLetter> deadLetters(List<Parsed> out) {
        return out.stream().filter(p -> p instanceof DeadLetter).map(p -> (DeadLetter) p).toList();
    }

    private static List<EcsDocument> events(List<Parsed> out) {
        return out.stream()
                .filter(p -> p instanceof EcsDocument)
                .map(p -> (EcsDocument) p)
                .toList();
    }

    @Test
    void cleanFileHasNoDeadLettersAndEveryRecord() throws Exception {
        List<Parsed> out = EvtxSamples.readAll("system.evtx", clean);
        assertEquals(1881, total, "records per the chunk headers");
        assertEquals(0, deadLetters(out).size());
        assertEquals(total, events(out).size());
    }

    @Test
    void badChunkMagicDeadLettersThatChunkOnly() throws Exception {
        byte[] bytes = clean.clone();
        int chunkOffset = HEADER + CHUNK;
        bytes[chunkOffset] = 'X';

        List<Parsed> out = EvtxSamples.readAll("bad-magic.evtx", bytes);

        List<DeadLetter> dead = deadLetters(out);
        assertEquals(1, dead.size(), dead.toString());
        DeadLetter d = dead.get(0);
        assertEquals(chunkOffset, d.position());
        // 'X' (0x58) replaced the 'E' of ElfChnk\0
        assertEquals(
                "Expected the chunk magic 'ElfChnk\\0' at file offset 69632, found 586c6643686e6b00.",
                d.reason());
        assertEquals(CHUNK, d.rawLength());
        assertArrayEquals(Arrays.copyOfRange(bytes, chunkOffset, chunkOffset + CHUNK), d.raw());
        assertEquals(total - recordsInChunk(clean, 1), events(out).size());
        assertEquals(out.size(), dead.size() + events(out).size(), "read = events + dead letters");
    }

    @Test
    void truncatedFileDeadLettersThePartialChunk() throws Exception {
        int chunkOffset = HEADER + 2 * CHUNK;
        byte[] bytes = Arrays.copyOf(clean, chunkOffset + 30000);

        List<Parsed> out = EvtxSamples.readAll("truncated.evtx", bytes);

        List<DeadLetter> dead = deadLetters(out);
        assertEquals(1, dead.size(), dead.toString());
        assertEquals(chunkOffset, dead.get(0).position());
        assertEquals(
                "Expected a 65536-byte chunk at file offset 135168, found only 30000 bytes (file"
                        + " truncated).",
                dead.get(0).reason());
        assertEquals(30000, dead.get(0).raw().length);
        assertEquals(recordsInChunk(clean, 0) + recordsInChunk(clean, 1), events(out).size());
    }

    @Test
    void corruptRecordSizeDeadLettersTheRecordAndResynchronises() throws Exception {
        byte[] bytes = clean.clone();
        int first = HEADER + 512;
        int firstSize = le(bytes).getInt(first + 4);
        int second = first + firstSize;
        int secondSize = le(bytes).getInt(second + 4);
        le(bytes).putInt(second + 4, 0x7fff0000);

        List<Parsed> out = EvtxSamples.readAll("bad-size.evtx", bytes);

        List<DeadLetter> dead = deadLetters(out);
        assertEquals(1, dead.size(), dead.toString());
        DeadLetter d = dead.get(0);
        assertEquals(second, d.position());
        int chunkOffset = second - HEADER;
        assertEquals(
                "Expected a record size between 28 and "
                        + (65040 - chunkOffset)
                        + " at chunk offset "
                        + chunkOffset
                        + ", found 2147418112. (record at file offset "
                        + second
                        + ")",
                d.reason());
        // The dead letter covers the bytes up to the next valid record, i.e. the whole record.
        assertEquals(secondSize, d.rawLength());
        assertEquals(total - 1, events(out).size());
        assertEquals(
                List.of(1L, 3L),
                events(out).subList(0, 2).stream()
                        .map(e -> e.getLong(Ecs.WINLOG_RECORD_ID))
                        .toList());
    }

    @Test
    void zeroedRecordBeforeTheLastRecordIsReported() throws Exception {
        byte[] bytes = clean.clone();
        int first = HEADER + 512;
        int second = first + le(bytes).getInt(first + 4);
        int secondSize = le(bytes).getInt(second + 4);
        Arrays.fill(bytes, second, second + secondSize, (byte) 0);

        List<Parsed> out = EvtxSamples.readAll("zeroed.evtx", bytes);

        List<DeadLetter> dead = deadLetters(out);
        assertEquals(1, dead.size(), dead.toString());
        assertEquals(second, dead.get(0).position());
        assertEquals(
                "Expected record magic 2a2a0000 at chunk offset "
                        + (second - HEADER)
                        + ", found 00000000. (record at file offset "
                        + second
                        + ")",
                dead.get(0).reason());
        assertEquals(secondSize, dead.get(0).rawLength());
        assertEquals(total - 1, events(out).size());
    }

    @Test
    void undecodableBinXmlDeadLettersOneRecord() throws Exception {
        byte[] bytes = clean.clone();
        int first = HEADER + 512;
        int firstSize = le(bytes).getInt(first + 4);
        int third = first + firstSize + le(bytes).getInt(first + firstSize + 4);
        // The body starts with the fragment header token 0x0f; make it an unknown token.
        bytes[third + 24] = 0x3f;

        List<Parsed> out = EvtxSamples.readAll("bad-token.evtx", bytes);

        List<DeadLetter> dead = deadLetters(out);
        assertEquals(1, dead.size(), dead.toString());
        assertEquals(third, dead.get(0).position());
        int chunkOffset = third - HEADER + 24;
        assertEquals(
                "Expected an element, text, substitution or end token at chunk offset "
                        + chunkOffset
                        + ", found token 0x3f. (record at file offset "
                        + third
                        + ")",
                dead.get(0).reason());
        int size = le(bytes).getInt(third + 4);
        assertArrayEquals(Arrays.copyOfRange(bytes, third, third + size), dead.get(0).raw());
        assertEquals(total - 1, events(out).size());
    }

    @Test
    void chunkHeaderChecksumMismatchStillReadsTheRecords() throws Exception {
        byte[] bytes = clean.clone();
        // A byte inside the header's reserved area: covered by the CRC, not used otherwise.
        bytes[HEADER + 3 * CHUNK + 60] ^= 0x55;

        List<Parsed> out = EvtxSamples.readAll("bad-crc.evtx", bytes);

        assertEquals(0, deadLetters(out).size());
        assertEquals(total, events(out).size());
    }

    @Test
    void shortFileHeaderIsOneDeadLetter() throws Exception {
        List<Parsed> out = EvtxSamples.readAll("short.evtx", Arrays.copyOf(clean, 100));
        assertEquals(1, out.size());
        DeadLetter d = (DeadLetter) out.get(0);
        assertEquals(0, d.position());
        assertEquals(
                "Expected a 4096-byte EVTX file header, found only 100 bytes (file truncated).",
                d.reason());
        assertTrue(EvtxSamples.readAll("empty.evtx", new byte[0]).isEmpty());
        // a cut file keeps at least part of the magic; a few bytes of it are still a cut file
        assertEquals(
                "Expected a 4096-byte EVTX file header, found only 3 bytes (file truncated).",
                ((DeadLetter) EvtxSamples.readAll("cut.evtx", Arrays.copyOf(clean, 3)).get(0))
                        .reason());
    }

    @Test
    void aShortFileThatIsNoEvtxIsNotCalledTruncated() throws Exception {
        byte[] text =
                "1286536308.779 180 192.168.0.224 TCP_MISS/200 411 GET http://a/ - -\n"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        List<Parsed> out = EvtxSamples.readAll("access.log", text);
        assertEquals(1, out.size());
        DeadLetter d = (DeadLetter) out.get(0);
        assertEquals(
                "Expected the EVTX file magic 'ElfFile\\0' at file offset 0, found"
                        + " 3132383635333633 in a file of "
                        + text.length
                        + " bytes (not an EVTX file).",
                d.reason());
        assertArrayEquals(text, d.raw());
    }

    @Test
    void eventHashCoversTheRawRecordBytes() throws Exception {
        List<Parsed> out = EvtxSamples.readAll("system.evtx", clean);
        EcsDocument first = events(out).get(0);
        int at = HEADER + 512;
        int size = le(clean).getInt(at + 4);
        assertEquals(
                Hashing.sha256Hex(Arrays.copyOfRange(clean, at, at + size)),
                first.getString(Ecs.EVENT_HASH));
        assertEquals((long) at, first.getLong(Ecs.RUNTRAIL_SOURCE_POSITION));
        assertEquals("evtx", first.getString(Ecs.RUNTRAIL_FORMAT));
        assertEquals("windows.system", first.getString(Ecs.EVENT_DATASET));
    }
}
