package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.EventStamp;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.redact.Redactor;
import dev.runtrail.ingest.windows.DocumentLayouts;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import dev.runtrail.ingest.windows.evtx.binxml.NameTable;
import dev.runtrail.ingest.windows.evtx.binxml.TemplateBodies;
import dev.runtrail.ingest.windows.evtx.binxml.XmlWriter;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams an EVTX file: the 4 KB file header, then one 64 KB chunk at a time, each record decoded
 * to a {@link dev.runtrail.ingest.windows.WindowsRecord} and mapped to ECS. A chunk with a bad
 * magic, a short last chunk, or a record that does not decode becomes one dead letter with its file
 * offset, and reading goes on with the next record or chunk. Checksum mismatches are logged, not
 * fatal: like libevtx we still read the chunk, and each record is checked on its own.
 */
public final class EvtxReader implements RecordReader {
    private static final Logger LOG = LoggerFactory.getLogger(EvtxReader.class);

    static final String FORMAT = "evtx";

    private static final byte[] ZERO_CHUNK = new byte[EvtxChunkHeader.CHUNK_SIZE];

    private final SourceRef source;
    private final InputStream in;
    private final long chunkLimit;
    private final byte[] chunkBytes = new byte[EvtxChunkHeader.CHUNK_SIZE];
    private final XmlWriter xml = new XmlWriter();
    private final WindowsRecordCollector collector = new WindowsRecordCollector();

    /**
     * The caches this reader decodes with: those of the thread that reads it (see {@link
     * ThreadCaches}), taken on the first read; if a later read comes from another thread, caches of
     * the reader's own from then on, as a thread's caches must not be used from two threads.
     */
    private NameTable names;

    private TemplateBodies bodies;
    private PlanCache plans;

    /** Field layouts by event id, taken with the other caches. */
    private DocumentLayouts layouts;

    private boolean walkOnly;
    private Thread cacheOwner;

    /**
     * Bodies reused by this reader with caches it no longer uses, and the count when it took the
     * current ones.
     */
    private long bodiesReusedEarlier;

    private long bodiesReusedBefore;
    private boolean headerPending;
    private long chunksRead;
    private long chunkFileOffset;
    private long bytesRead;
    private EvtxChunk chunk;
    private boolean ended;

    private long plannedRecords;

    private EvtxReader(InputSource input, long firstChunk, long chunkCount) throws IOException {
        this.source = input.ref();
        this.chunkLimit = chunkCount;
        this.in = input.open();
        if (firstChunk == 0) {
            headerPending = true;
        } else {
            long skip = EvtxFileHeader.SIZE + firstChunk * EvtxChunkHeader.CHUNK_SIZE;
            try {
                in.skipNBytes(skip);
                bytesRead = skip;
            } catch (java.io.EOFException e) {
                // A split that starts past the end of the file holds no chunks.
                ended = true;
            }
        }
    }

    /** A reader over the whole file. */
    public static EvtxReader open(InputSource input) throws IOException {
        return new EvtxReader(input, 0, Long.MAX_VALUE);
    }

    /**
     * A reader over {@code chunkCount} whole chunks starting at chunk index {@code firstChunk}
     * (file offset {@code 4096 + firstChunk * 65536}), for chunk-aligned parallel splits. The file
     * header is read only by the split that starts at chunk 0.
     */
    public static EvtxReader forChunks(InputSource input, long firstChunk, long chunkCount)
            throws IOException {
        if (firstChunk < 0 || chunkCount < 0) {
            throw new IllegalArgumentException(
                    "The first chunk and the chunk count must not be negative, got "
                            + firstChunk
                            + " and "
                            + chunkCount
                            + ".");
        }
        return new EvtxReader(input, firstChunk, chunkCount);
    }

    /**
     * Decodes every record by walking its template rather than through a {@link TemplatePlan}: the
     * reference that tests hold the plans to.
     */
    EvtxReader walkOnly() {
        walkOnly = true;
        return this;
    }

    /** Records of the chunks read to the end so far that were decoded through a plan. */
    long plannedRecords() {
        return plannedRecords;
    }

    /** Template definitions that reused a body parsed in an earlier chunk. */
    long reusedTemplateBodies() {
        return bodiesReusedEarlier + (bodies == null ? 0 : bodies.reused() - bodiesReusedBefore);
    }

    /** Number of whole or partial chunks a file of this length holds. */
    public static long chunkCount(long fileLength) {
        long body = Math.max(0, fileLength - EvtxFileHeader.SIZE);
        return (body + EvtxChunkHeader.CHUNK_SIZE - 1) / EvtxChunkHeader.CHUNK_SIZE;
    }

    @Override
    public Parsed next() throws IOException {
        if (Thread.currentThread() != cacheOwner) {
            takeCaches();
        }
        while (!ended) {
            if (headerPending) {
                headerPending = false;
                DeadLetter bad = readFileHeader();
                if (bad != null) {
                    return bad;
                }
                continue;
            }
            if (chunk == null) {
                DeadLetter bad = nextChunk();
                if (bad != null) {
                    return bad;
                }
                continue;
            }
            EvtxChunk.Outcome outcome = chunk.next();
            if (outcome == null) {
                plannedRecords += chunk.planned();
                chunk = null;
                continue;
            }
            return toParsed(outcome);
        }
        return null;
    }

    private void takeCaches() {
        if (bodies != null) {
            bodiesReusedEarlier += bodies.reused() - bodiesReusedBefore;
        }
        if (cacheOwner == null) {
            ThreadCaches caches = ThreadCaches.current();
            names = caches.names;
            bodies = caches.bodies;
            plans = caches.plans;
            layouts = caches.layouts;
        } else {
            names = new NameTable();
            bodies = new TemplateBodies();
            plans = new PlanCache();
            layouts = new DocumentLayouts();
        }
        if (walkOnly) {
            plans = null; // the reference walk parses every template itself
        }
        cacheOwner = Thread.currentThread();
        bodiesReusedBefore = bodies.reused();
        if (chunk != null) {
            chunk = chunk.withCaches(names, plans, plans == null ? null : bodies);
        }
    }

    private DeadLetter readFileHeader() throws IOException {
        byte[] head = in.readNBytes(EvtxFileHeader.SIZE);
        bytesRead += head.length;
        if (head.length < EvtxFileHeader.SIZE) {
            ended = true;
            if (head.length == 0) {
                return null;
            }
            // a short file that does not start as EVTX does (with the magic, or a first part of
            // it) is some other file, not a cut one
            byte[] magic = EvtxFileHeader.MAGIC;
            boolean evtxStart =
                    EvtxFileHeader.startsWith(head, magic)
                            || EvtxFileHeader.startsWith(magic, head);
            return DeadLetter.of(
                    source,
                    0,
                    0,
                    FORMAT,
                    evtxStart
                            ? "Expected a "
                                    + EvtxFileHeader.SIZE
                                    + "-byte EVTX file header, found only "
                                    + head.length
                                    + " bytes (file truncated)."
                            : "Expected the EVTX file magic 'ElfFile\\0' at file offset 0, found "
                                    + hex(head, 0, Math.min(head.length, 8))
                                    + " in a file of "
                                    + head.length
                                    + " bytes (not an EVTX file).",
                    head);
        }
        EvtxFileHeader header = EvtxFileHeader.parse(head);
        if (!header.magicOk()) {
            // Chunks are self-describing, so a damaged file header does not stop us reading them.
            return DeadLetter.of(
                    source,
                    0,
                    0,
                    FORMAT,
                    "Expected the EVTX file magic 'ElfFile\\0' at file offset 0, found "
                            + hex(head, 0, 8)
                            + "; reading chunks anyway.",
                    head);
        }
        if (!header.checksumOk()) {
            LOG.warn(
                    "{}: file header checksum {} does not match the computed {}; the header holds no"
                            + " records, reading chunks anyway",
                    source.name(),
                    Integer.toHexString(header.storedChecksum()),
                    Integer.toHexString(header.computedChecksum()));
        }
        return null;
    }

    /** Loads the next chunk; returns a dead letter when it is unusable. */
    private DeadLetter nextChunk() throws IOException {
        if (chunksRead >= chunkLimit) {
            ended = true;
            return null;
        }
        chunkFileOffset = bytesRead;
        int n = in.readNBytes(chunkBytes, 0, chunkBytes.length);
        bytesRead += n;
        chunksRead++;
        if (n == 0) {
            ended = true;
            return null;
        }
        if (n < chunkBytes.length) {
            ended = true;
            return DeadLetter.of(
                    source,
                    chunkFileOffset,
                    0,
                    FORMAT,
                    "Expected a "
                            + chunkBytes.length
                            + "-byte chunk at file offset "
                            + chunkFileOffset
                            + ", found only "
                            + n
                            + " bytes (file truncated).",
                    chunkBytes,
                    0,
                    n);
        }
        EvtxChunkHeader header = EvtxChunkHeader.parse(EvtxChunk.wrap(chunkBytes));
        if (!header.magicOk()) {
            if (allZero(chunkBytes)) {
                // Pre-allocated, never used chunk space holds no records.
                return null;
            }
            return DeadLetter.of(
                    source,
                    chunkFileOffset,
                    0,
                    FORMAT,
                    "Expected the chunk magic 'ElfChnk\\0' at file offset "
                            + chunkFileOffset
                            + ", found "
                            + hex(chunkBytes, 0, 8)
                            + ".",
                    chunkBytes,
                    0,
                    n);
        }
        if (!header.headerChecksumOk()) {
            // libevtx reads such chunks too (some writers leave the checksum 0); records that do
            // not
            // hold together still become dead letters one by one.
            LOG.warn(
                    "{}: chunk at file offset {} has header CRC32 {}, computed {}; reading its records",
                    source.name(),
                    chunkFileOffset,
                    Integer.toHexString(header.storedHeaderChecksum()),
                    Integer.toHexString(header.computedHeaderChecksum()));
        }
        // the reference walk parses every template itself
        chunk =
                new EvtxChunk(
                        chunkBytes,
                        header,
                        xml,
                        collector,
                        names,
                        plans,
                        plans == null ? null : bodies);
        return null;
    }

    private Parsed toParsed(EvtxChunk.Outcome outcome) {
        if (outcome instanceof EvtxChunk.Decoded d) {
            long position = chunkFileOffset + d.header().offset();
            long eventId = d.record().eventId();
            EcsDocument.Layout expected = layouts.expected(eventId);
            // The chunk redacted every value as it rendered them (see RecordSink, TemplatePlan).
            EcsDocument event = WindowsEventMapper.toEcs(d.record(), expected, true);
            EventStamp.stamp(
                    event,
                    d.xml(),
                    chunkBytes,
                    d.header().offset(),
                    d.header().size(),
                    source,
                    position,
                    FORMAT,
                    event.getString(Ecs.EVENT_DATASET));
            layouts.learned(eventId, expected, event);
            Redactor.addRuleNames(event, collector.redactedBy());
            return event;
        }
        EvtxChunk.Failed f = (EvtxChunk.Failed) outcome;
        long position = chunkFileOffset + f.offset();
        return DeadLetter.of(
                source,
                position,
                0,
                FORMAT,
                f.reason() + " (record at file offset " + position + ")",
                chunkBytes,
                f.offset(),
                f.length());
    }

    private static boolean allZero(byte[] bytes) {
        // Arrays.equals is vectorised by the JIT; a byte loop over 64 KB is not.
        return bytes.length == ZERO_CHUNK.length && java.util.Arrays.equals(bytes, ZERO_CHUNK);
    }

    private static String hex(byte[] bytes, int offset, int length) {
        StringBuilder sb = new StringBuilder(length * 2);
        for (int i = offset; i < offset + length && i < bytes.length; i++) {
            sb.append(String.format("%02x", bytes[i] & 0xff));
        }
        return sb.toString();
    }

    @Override
    public long bytesRead() {
        return bytesRead;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
