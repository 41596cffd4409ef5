package dev.runtrail.ingest.flink;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.windows.evtx.EvtxReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Chunk-aligned splits of EVTX files. EVTX chunks are 64 KiB and self-contained (each has its own
 * string and template tables), so a split of whole chunks parses independently of the others. The
 * first split also covers the 4 KiB file header.
 */
final class EvtxSplits {
    static final int HEADER = 4096;
    static final int CHUNK = 65536;

    /** Chunks per split: 1 MiB of records, enough work to outweigh a split's overhead. */
    static final int CHUNKS_PER_SPLIT = 16;

    private static final byte[] MAGIC = "ElfFile\0".getBytes(StandardCharsets.US_ASCII);

    private EvtxSplits() {}

    /** {offset, length} pairs covering the file: one for most files, several for large EVTX. */
    static List<long[]> ranges(Path file, long size) throws IOException {
        if (size <= HEADER + (long) CHUNKS_PER_SPLIT * CHUNK || !isEvtx(file)) {
            return List.of(new long[] {0, size});
        }
        List<long[]> ranges = new ArrayList<>();
        long chunks = EvtxReader.chunkCount(size);
        for (long first = 0; first < chunks; first += CHUNKS_PER_SPLIT) {
            long count = Math.min(CHUNKS_PER_SPLIT, chunks - first);
            long offset = first == 0 ? 0 : HEADER + first * CHUNK;
            long end = Math.min(size, HEADER + (first + count) * CHUNK);
            ranges.add(new long[] {offset, end - offset});
        }
        return ranges;
    }

    /** Whether a split covers only part of its file (an EVTX chunk range or a text range). */
    static boolean isPartial(long offset, long length, long fileSize) {
        return offset != 0 || length < fileSize;
    }

    /** A reader over the whole chunks of a split. */
    static RecordReader reader(InputSource input, long offset, long length) throws IOException {
        long first = offset == 0 ? 0 : (offset - HEADER) / CHUNK;
        long body = offset == 0 ? length - HEADER : length;
        long count = (body + CHUNK - 1) / CHUNK;
        return EvtxReader.forChunks(input, first, count);
    }

    private static boolean isEvtx(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return isEvtx(in.readNBytes(MAGIC.length));
        }
    }

    /** Whether a file's first bytes are the EVTX file magic. */
    static boolean isEvtx(byte[] head) {
        return head.length >= MAGIC.length
                && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }
}
