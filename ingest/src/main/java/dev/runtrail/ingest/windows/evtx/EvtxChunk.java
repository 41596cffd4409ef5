package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.ingest.windows.evtx.binxml.BinXmlException;
import dev.runtrail.ingest.windows.evtx.binxml.BinXmlParser;
import dev.runtrail.ingest.windows.evtx.binxml.BinXmlWalker;
import dev.runtrail.ingest.windows.evtx.binxml.NameTable;
import dev.runtrail.ingest.windows.evtx.binxml.ValueFormatter;
import dev.runtrail.ingest.windows.evtx.binxml.XmlSink;
import dev.runtrail.ingest.windows.evtx.binxml.XmlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One 64 KB chunk: its header, its string and template tables (through the chunk's {@link
 * BinXmlParser} caches) and its records, decoded one at a time.
 */
final class EvtxChunk {
    /** A decoded record, or why it could not be decoded; offsets are chunk offsets. */
    sealed interface Outcome {}

    record Decoded(EvtxRecordHeader header, WindowsRecord record, String xml) implements Outcome {}

    record Failed(int offset, int length, String reason) implements Outcome {}

    private final ByteBuffer buf;
    private final BinXmlParser parser;
    private final BinXmlWalker walker;
    private final XmlWriter xml;
    private final WindowsRecordCollector collector;
    private final XmlSink sink;
    private final int limit;
    private final int lastRecordOffset;
    private int next = EvtxChunkHeader.SIZE;

    EvtxChunk(
            byte[] bytes, EvtxChunkHeader header, XmlWriter xml, WindowsRecordCollector collector) {
        this(bytes, header, xml, collector, new NameTable());
    }

    EvtxChunk(
            byte[] bytes,
            EvtxChunkHeader header,
            XmlWriter xml,
            WindowsRecordCollector collector,
            NameTable names) {
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.parser = new BinXmlParser(bytes, names);
        this.walker = new BinXmlWalker(parser);
        this.xml = xml;
        this.collector = collector;
        this.sink = new RecordSink(xml, collector);
        int free = header.freeSpaceOffset();
        this.limit = free >= EvtxChunkHeader.SIZE && free <= bytes.length ? free : bytes.length;
        this.lastRecordOffset = header.lastRecordOffset();
    }

    static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The next record of the chunk, or null when the used space is exhausted. */
    Outcome next() {
        // Zeros after the last record are unused space; zeros where the header says records still
        // follow are damage, reported below as a broken record.
        if (next + 4 > limit || (!nonZero(next) && next > lastRecordOffset)) {
            return null;
        }
        int offset = next;
        EvtxRecordHeader frame;
        try {
            frame = EvtxRecordHeader.read(buf, offset, limit);
        } catch (EvtxRecordHeader.RecordFrameException e) {
            int resume = nextMagic(offset + 1);
            next = resume;
            return new Failed(offset, resume - offset, e.getMessage());
        }
        next = offset + frame.size();
        try {
            xml.reset();
            collector.reset();
            walker.walk(parser.parseFragment(frame.bodyOffset(), frame.bodyLength()), null, sink);
            WindowsRecord record =
                    collector.build(frame.recordId(), ValueFormatter.instant(frame.writtenTime()));
            return new Decoded(frame, record, xml.xml());
        } catch (BinXmlException e) {
            return new Failed(offset, frame.size(), e.getMessage());
        } catch (RuntimeException e) {
            // Offsets read from corrupt data can point anywhere; report, never propagate.
            return new Failed(
                    offset,
                    frame.size(),
                    "Expected well-formed binary XML in record "
                            + frame.recordId()
                            + ", found data that could not be decoded ("
                            + e
                            + ").");
        }
    }

    /** Whether any byte of the next record's magic is set (zeros mean unused space). */
    private boolean nonZero(int offset) {
        return buf.getInt(offset) != 0;
    }

    /** Where the next record magic is after a broken one, or the end of the used space. */
    private int nextMagic(int from) {
        for (int i = from; i + EvtxRecordHeader.MIN_SIZE <= limit; i++) {
            if (EvtxRecordHeader.magicAt(buf, i)) {
                try {
                    EvtxRecordHeader.read(buf, i, limit);
                    return i;
                } catch (EvtxRecordHeader.RecordFrameException e) {
                    // not a record start after all
                }
            }
        }
        return limit;
    }
}
