package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.ingest.windows.evtx.binxml.BinXmlException;
import dev.runtrail.ingest.windows.evtx.binxml.BinXmlParser;
import dev.runtrail.ingest.windows.evtx.binxml.BinXmlWalker;
import dev.runtrail.ingest.windows.evtx.binxml.NameTable;
import dev.runtrail.ingest.windows.evtx.binxml.Node;
import dev.runtrail.ingest.windows.evtx.binxml.Template;
import dev.runtrail.ingest.windows.evtx.binxml.TemplateBodies;
import dev.runtrail.ingest.windows.evtx.binxml.ValueFormatter;
import dev.runtrail.ingest.windows.evtx.binxml.Values;
import dev.runtrail.ingest.windows.evtx.binxml.XmlWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One 64 KB chunk: its header, its string and template tables (through the chunk's {@link
 * BinXmlParser} caches) and its records, decoded one at a time.
 */
final class EvtxChunk implements TemplatePlan.Fragments {
    /**
     * A decoded record, or why it could not be decoded; offsets are chunk offsets. A decoded
     * record's EventData map is refilled by the next record (see {@link
     * WindowsRecordCollector#build}).
     */
    sealed interface Outcome {}

    record Decoded(EvtxRecordHeader header, WindowsRecord record, String xml) implements Outcome {}

    record Failed(int offset, int length, String reason) implements Outcome {}

    private final byte[] bytes;
    private final EvtxChunkHeader header;
    private final ByteBuffer buf;
    private final BinXmlParser parser;
    private final BinXmlWalker walker;
    private final XmlWriter xml;
    private final WindowsRecordCollector collector;
    private final RecordSink sink;
    private final PlanCache planCache;

    /** This chunk's templates' plans, or null when one needs the general walk. */
    private final Map<Template, TemplatePlan> plans = new IdentityHashMap<>();

    /** The same for templates instantiated in values under the root element. */
    private final Map<Template, TemplatePlan> nestedPlans = new IdentityHashMap<>();

    /** Values of the record's template instance and of a nested one, refilled per record. */
    private final Values bodyValues = new Values();

    private final Values nestedValues = new Values();

    private final int limit;

    /** Records decoded through a plan so far. */
    private long planned;

    private final int lastRecordOffset;
    private int next = EvtxChunkHeader.SIZE;

    EvtxChunk(
            byte[] bytes, EvtxChunkHeader header, XmlWriter xml, WindowsRecordCollector collector) {
        this(bytes, header, xml, collector, new NameTable(), new PlanCache(), new TemplateBodies());
    }

    /**
     * A chunk whose records are decoded with {@code xml} and {@code collector}; a null {@code
     * planCache} walks every record through {@link BinXmlWalker} (the reference the plans are
     * tested against); {@code bodies}, when not null, are template bodies of earlier chunks to
     * reuse.
     */
    EvtxChunk(
            byte[] bytes,
            EvtxChunkHeader header,
            XmlWriter xml,
            WindowsRecordCollector collector,
            NameTable names,
            PlanCache planCache,
            TemplateBodies bodies) {
        this.planCache = planCache;
        this.bytes = bytes;
        this.header = header;
        this.buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        this.parser = new BinXmlParser(bytes, names, bodies);
        this.walker = new BinXmlWalker(parser);
        this.xml = xml;
        this.collector = collector;
        this.sink = new RecordSink(xml, collector);
        int free = header.freeSpaceOffset();
        this.limit = free >= EvtxChunkHeader.SIZE && free <= bytes.length ? free : bytes.length;
        this.lastRecordOffset = header.lastRecordOffset();
    }

    /**
     * This chunk, at the same record, decoding the rest with other caches (those of {@link
     * EvtxChunk#EvtxChunk(byte[], EvtxChunkHeader, XmlWriter, WindowsRecordCollector, NameTable,
     * PlanCache, TemplateBodies)}).
     */
    EvtxChunk withCaches(NameTable names, PlanCache planCache, TemplateBodies bodies) {
        EvtxChunk moved = new EvtxChunk(bytes, header, xml, collector, names, planCache, bodies);
        moved.next = next;
        moved.planned = planned;
        return moved;
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
            sink.reset();
            Template template =
                    planCache == null
                            ? null
                            : parser.readInstance(
                                    frame.bodyOffset(), frame.bodyLength(), bodyValues);
            if (template != null) {
                if (!renderedByPlan(template, bodyValues)) {
                    walker.walk(template.body(), bodyValues, sink);
                    sink.flushText();
                }
            } else {
                List<Node> body = parser.parseFragment(frame.bodyOffset(), frame.bodyLength());
                if (!renderedByPlan(body)) {
                    walker.walk(body, null, sink);
                    sink.flushText();
                }
            }
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

    /**
     * Renders a record body that is one template instance through its template's plan; false, with
     * nothing rendered, when the body has another shape, the template has no plan or the record's
     * values do not suit it.
     */
    private boolean renderedByPlan(List<Node> body) throws BinXmlException {
        return body.size() == 1
                && body.get(0) instanceof Node.TemplateInstance instance
                && renderedByPlan(instance.template(), instance.values());
    }

    private boolean renderedByPlan(Template template, Values values) throws BinXmlException {
        if (planCache == null) {
            return false;
        }
        TemplatePlan plan = cached(plans, template, false);
        if (plan == null) {
            return false;
        }
        if (plan.render(values, this, walker, xml, collector)) {
            planned++;
            return true;
        }
        // The plan gave up part way: drop what it rendered.
        sink.reset();
        return false;
    }

    @Override
    public List<Node> parse(int offset, int size) throws BinXmlException {
        return parser.parseFragment(offset, size);
    }

    @Override
    public Template readInstance(int offset, int size) {
        return parser.readInstance(offset, size, nestedValues);
    }

    @Override
    public Values instanceValues() {
        return nestedValues;
    }

    @Override
    public TemplatePlan nestedPlan(Template template) {
        return cached(nestedPlans, template, true);
    }

    /**
     * Looks a template's plan up in the file's cache once per chunk (a null plan is remembered
     * too); later records of the chunk find it by the template's identity.
     */
    private TemplatePlan cached(
            Map<Template, TemplatePlan> cache, Template template, boolean nested) {
        TemplatePlan known = cache.get(template);
        if (known != null || cache.containsKey(template)) {
            return known;
        }
        TemplatePlan plan = planCache.plan(template, nested);
        cache.put(template, plan);
        return plan;
    }

    /** Records decoded through a {@link TemplatePlan} so far. */
    long planned() {
        return planned;
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
