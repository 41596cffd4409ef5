package dev.runtrail.ingest.windows.evtx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * The 4096-byte file header: magic {@code ElfFile\0}, chunk numbers, version and a CRC32 over its
 * first 120 bytes.
 */
public record EvtxFileHeader(
        boolean magicOk,
        long firstChunk,
        long lastChunk,
        long nextRecordId,
        int headerSize,
        int minorVersion,
        int majorVersion,
        int headerBlockSize,
        int chunkCount,
        int flags,
        int storedChecksum,
        int computedChecksum) {

    /** Size of the header block that precedes the first chunk. */
    public static final int SIZE = 4096;

    static final byte[] MAGIC = {'E', 'l', 'f', 'F', 'i', 'l', 'e', 0};

    /** Parses the header from at least the first 128 bytes of the file. */
    public static EvtxFileHeader parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, 120);
        return new EvtxFileHeader(
                startsWith(bytes, MAGIC),
                b.getLong(8),
                b.getLong(16),
                b.getLong(24),
                b.getInt(32),
                b.getShort(36) & 0xffff,
                b.getShort(38) & 0xffff,
                b.getShort(40) & 0xffff,
                b.getShort(42) & 0xffff,
                b.getInt(120),
                b.getInt(124),
                (int) crc.getValue());
    }

    public boolean checksumOk() {
        return storedChecksum == computedChecksum;
    }

    /** Whether the bytes begin with {@code magic}. */
    static boolean startsWith(byte[] bytes, byte[] magic) {
        if (bytes.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (bytes[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
