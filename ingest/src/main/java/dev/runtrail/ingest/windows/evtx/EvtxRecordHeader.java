package dev.runtrail.ingest.windows.evtx;

import java.nio.ByteBuffer;

/**
 * An event record's frame: magic {@code **\0\0}, size, record id, written time (FILETIME), the
 * binary XML body, and the size repeated in the last four bytes.
 *
 * @param offset chunk offset of the record's magic
 */
public record EvtxRecordHeader(int offset, int size, long recordId, long writtenTime) {
    /** Magic, size, id and time before the body. */
    public static final int PREFIX = 24;

    /** Smallest possible record: the prefix and the trailing size copy. */
    public static final int MIN_SIZE = PREFIX + 4;

    static final int MAGIC = 0x00002a2a;

    /** Whether the four bytes at {@code offset} are a record magic. */
    static boolean magicAt(ByteBuffer chunk, int offset) {
        return offset + 4 <= chunk.capacity() && chunk.getInt(offset) == MAGIC;
    }

    /**
     * Reads the frame at {@code offset}, or explains why it is not a valid record within {@code
     * limit} (the chunk's free-space offset).
     */
    static EvtxRecordHeader read(ByteBuffer chunk, int offset, int limit)
            throws RecordFrameException {
        if (offset + MIN_SIZE > limit) {
            throw new RecordFrameException(
                    "Expected a record of at least "
                            + MIN_SIZE
                            + " bytes at chunk offset "
                            + offset
                            + ", found only "
                            + (limit - offset)
                            + " bytes before the end of the used space.");
        }
        int magic = chunk.getInt(offset);
        if (magic != MAGIC) {
            throw new RecordFrameException(
                    String.format(
                            "Expected record magic 2a2a0000 at chunk offset %d, found %08x.",
                            offset, Integer.reverseBytes(magic)));
        }
        int size = chunk.getInt(offset + 4);
        if (size < MIN_SIZE || size > limit - offset) {
            throw new RecordFrameException(
                    "Expected a record size between "
                            + MIN_SIZE
                            + " and "
                            + (limit - offset)
                            + " at chunk offset "
                            + offset
                            + ", found "
                            + Integer.toUnsignedString(size)
                            + ".");
        }
        int copy = chunk.getInt(offset + size - 4);
        if (copy != size) {
            throw new RecordFrameException(
                    "Expected the record's trailing size copy to equal its size "
                            + size
                            + " at chunk offset "
                            + (offset + size - 4)
                            + ", found "
                            + Integer.toUnsignedString(copy)
                            + ".");
        }
        return new EvtxRecordHeader(
                offset, size, chunk.getLong(offset + 8), chunk.getLong(offset + 16));
    }

    /** Chunk offset of the binary XML body. */
    public int bodyOffset() {
        return offset + PREFIX;
    }

    /** Length of the binary XML body. */
    public int bodyLength() {
        return size - MIN_SIZE;
    }

    /** A record frame that does not hold together. */
    static final class RecordFrameException extends Exception {
        RecordFrameException(String reason) {
            super(reason, null, false, false);
        }
    }
}
