package dev.runtrail.ingest.windows.evtx;

import java.nio.ByteBuffer;
import java.util.zip.CRC32;

/**
 * The 512-byte chunk header: magic {@code ElfChnk\0}, record number and id ranges, the offsets of
 * the last record and of the free space, CRC32s of the records and of the header itself, then the
 * string and template hash tables (read lazily through offsets, not here).
 */
public record EvtxChunkHeader(
        boolean magicOk,
        long firstRecordNumber,
        long lastRecordNumber,
        long firstRecordId,
        long lastRecordId,
        int headerSize,
        int lastRecordOffset,
        int freeSpaceOffset,
        int storedRecordsChecksum,
        int flags,
        int storedHeaderChecksum,
        int computedHeaderChecksum) {

    /** Size of a chunk, header included. */
    public static final int CHUNK_SIZE = 65536;

    /** Records start right after the header and its tables. */
    public static final int SIZE = 512;

    static final byte[] MAGIC = {'E', 'l', 'f', 'C', 'h', 'n', 'k', 0};

    /** Parses the header of the chunk whose bytes start at index 0 of {@code chunk}. */
    public static EvtxChunkHeader parse(ByteBuffer chunk) {
        byte[] bytes = chunk.array();
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, 120);
        crc.update(bytes, 128, SIZE - 128);
        return new EvtxChunkHeader(
                EvtxFileHeader.startsWith(bytes, MAGIC),
                chunk.getLong(8),
                chunk.getLong(16),
                chunk.getLong(24),
                chunk.getLong(32),
                chunk.getInt(40),
                chunk.getInt(44),
                chunk.getInt(48),
                chunk.getInt(52),
                chunk.getInt(120),
                chunk.getInt(124),
                (int) crc.getValue());
    }

    public boolean headerChecksumOk() {
        return storedHeaderChecksum == computedHeaderChecksum;
    }

    /** CRC32 of the record area, {@code [512, freeSpaceOffset)}, compared with the stored one. */
    public boolean recordsChecksumOk(byte[] chunk) {
        int end = Math.min(Math.max(freeSpaceOffset, SIZE), chunk.length);
        CRC32 crc = new CRC32();
        crc.update(chunk, SIZE, end - SIZE);
        return (int) crc.getValue() == storedRecordsChecksum;
    }
}
