package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.redact.Redactor;
import dev.runtrail.ingest.windows.EventDataMap;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import dev.runtrail.ingest.windows.evtx.binxml.BinXmlException;
import dev.runtrail.ingest.windows.evtx.binxml.BinXmlWalker;
import dev.runtrail.ingest.windows.evtx.binxml.Node;
import dev.runtrail.ingest.windows.evtx.binxml.Template;
import dev.runtrail.ingest.windows.evtx.binxml.ValueFormatter;
import dev.runtrail.ingest.windows.evtx.binxml.ValueMemo;
import dev.runtrail.ingest.windows.evtx.binxml.ValueType;
import dev.runtrail.ingest.windows.evtx.binxml.Values;
import dev.runtrail.ingest.windows.evtx.binxml.XmlWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * A template turned into a short program, so that a record using it is rendered and collected
 * without walking the template's nodes: its fixed markup is joined into a few strings, and each
 * substitution knows beforehand where it goes in the XML and which {@link WindowsRecordCollector}
 * field it fills (decided by {@link RecordShape}, the rule the collector itself follows).
 *
 * <p>Only the plain shape that event templates have is compiled: elements whose content is nothing,
 * one literal text, one substitution, or elements only; attributes of one literal or one
 * substitution; and under the root element, substitutions holding nested binary XML (how Security
 * events carry their {@code EventData}), rendered through the nested template's own plan. Anything
 * else makes {@link #compile} return null, and a record whose values do not suit the plan (an
 * array, nested XML where text was expected) makes {@link #render} return false; such records go
 * through {@link BinXmlWalker}. Both ways give the same XML and the same record; {@code
 * TemplatePlanTest} checks that on every sample.
 *
 * <p>Each substituted value is redacted before it is written or stored, as {@link RecordSink} does
 * on the walk. A template whose own literal text (a constant value, a {@code Data Name}) would be
 * redacted gets no plan, so the walk redacts it record by record and records the rule.
 */
final class TemplatePlan {
    /** Append fixed markup. */
    private static final int MARKUP = 0;

    /** An attribute whose value is a substitution: left out when the value is empty. */
    private static final int ATTRIBUTE = 1;

    /** An element's only content is a substitution: self-closed when the value is empty. */
    private static final int CONTENT = 2;

    /** A collector field with a literal value from the template. */
    private static final int CONSTANT = 3;

    /** A substitution under the root element holding nested binary XML (or nothing). */
    private static final int NESTED = 4;

    /** What a plan needs from its chunk to expand nested binary XML values. */
    interface Fragments {
        /** The nodes of the binary XML fragment at these chunk bytes. */
        List<Node> parse(int offset, int size) throws BinXmlException;

        /**
         * The template of the fragment at these chunk bytes when it is one instance of a template
         * the chunk already defined, its values then in {@link #instanceValues}; else null.
         */
        Template readInstance(int offset, int size);

        /** Where {@link #readInstance} put the values, valid until it is called again. */
        Values instanceValues();

        /** The plan for a template used inside a value under the root element, or null. */
        TemplatePlan nestedPlan(Template template);
    }

    private final int[] kinds;
    private final int[] slots;
    private final int[] targets;
    private final String[] texts;
    private final String[] keys;

    /** The ECS field of each EventData key, worked out with the plan rather than per record. */
    private final String[] fields;

    /** The markup of a MARKUP step, the prefix of an ATTRIBUTE step. */
    private final XmlWriter.Markup[] markups;

    /**
     * What an ATTRIBUTE or CONTENT step writes after a value ({@code "} or the close tag) and, in
     * {@link #afterEmpty}, instead of an empty one (nothing or {@code />}), each followed by the
     * fixed markup up to the next step that writes: one append instead of two steps.
     */
    private final XmlWriter.Markup[] after;

    private final XmlWriter.Markup[] afterEmpty;

    /**
     * The last value of each substitution step, so repeating values are not decoded again; this
     * makes a plan state of its reader, like the rest of a {@link PlanCache}.
     */
    private final ValueMemo[] memos;

    /**
     * The last value of each substitution step that redaction left unchanged: the memo gives back
     * the same instance while the value repeats, and it is not scanned again.
     */
    private final String[] clean;

    /** The EventData names the plan stores, in order, when they are distinct; else null. */
    private final EventDataMap.Layout layout;

    private TemplatePlan(List<Op> ops) {
        int n = ops.size();
        kinds = new int[n];
        slots = new int[n];
        targets = new int[n];
        texts = new String[n];
        keys = new String[n];
        fields = new String[n];
        markups = new XmlWriter.Markup[n];
        after = new XmlWriter.Markup[n];
        afterEmpty = new XmlWriter.Markup[n];
        memos = new ValueMemo[n];
        clean = new String[n];
        List<String> names = new ArrayList<>();
        List<String> ecsFields = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Op op = ops.get(i);
            kinds[i] = op.kind;
            slots[i] = op.slot;
            targets[i] = op.target;
            texts[i] = op.text;
            // Interned, EventData keys are the very Strings the mappers look them up by.
            keys[i] = op.key == null ? null : op.key.intern();
            if (op.target == RecordShape.EVENT_DATA && op.key != null) {
                fields[i] = WindowsEventMapper.eventDataKey(keys[i]);
            }
            if (op.target == RecordShape.EVENT_DATA && op.kind != ATTRIBUTE) {
                // CONTENT and CONSTANT steps store on every record, in this order
                names.add(keys[i]);
                ecsFields.add(fields[i]);
            }
            if (op.kind == MARKUP || op.kind == ATTRIBUTE) {
                markups[i] = new XmlWriter.Markup(op.text);
            }
            if (op.kind == ATTRIBUTE) {
                after[i] = new XmlWriter.Markup("\"" + op.rest);
                afterEmpty[i] = new XmlWriter.Markup(op.rest);
            } else if (op.kind == CONTENT) {
                after[i] = new XmlWriter.Markup(op.text + op.rest);
                afterEmpty[i] = new XmlWriter.Markup("/>" + op.rest);
            }
            if (op.kind == ATTRIBUTE || op.kind == CONTENT) {
                memos[i] = new ValueMemo();
            }
        }
        layout = names.isEmpty() ? null : EventDataMap.Layout.of(names, ecsFields);
    }

    /** The plan for a record's template, or null when its shape needs the general walk. */
    static TemplatePlan compile(Template template) {
        return compile(template, new Compiler());
    }

    /**
     * The plan for a template whose instance is the value of a substitution directly under the
     * record's root element, or null.
     */
    static TemplatePlan compileNested(Template template) {
        Compiler compiler = new Compiler();
        compiler.shape.start("Event");
        return compile(template, compiler);
    }

    private static TemplatePlan compile(Template template, Compiler compiler) {
        for (Node node : template.body()) {
            if (!(node instanceof Node.Element e) || !compiler.element(e)) {
                return null;
            }
        }
        return new TemplatePlan(compiler.finish());
    }

    /**
     * Renders one record into {@code xml} and its fields into {@code collector}; false, part way,
     * when a value does not suit the plan (the caller then resets both and walks the record).
     */
    boolean render(
            Values values,
            Fragments fragments,
            BinXmlWalker walker,
            XmlWriter xml,
            WindowsRecordCollector collector)
            throws BinXmlException {
        if (layout != null) {
            collector.adoptEventData(layout);
        }
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case MARKUP -> xml.markup(markups[i]);
                case ATTRIBUTE -> {
                    if (!scalar(values, slots[i])) {
                        return false;
                    }
                    if (targets[i] == RecordShape.TIME_CREATED
                            && timeCreated(i, values, walker, xml, collector)) {
                        continue;
                    }
                    String raw = walker.valueText(values, slots[i], memos[i]);
                    if (raw == null) {
                        xml.markup(afterEmpty[i]);
                    } else {
                        xml.markup(markups[i]);
                        String value = writeValue(i, raw, true, walker, xml, collector);
                        xml.markup(after[i]);
                        if (targets[i] == RecordShape.TIME_CREATED) {
                            storeTime(values, slots[i], walker, collector, value);
                        } else if (targets[i] != RecordShape.NONE) {
                            collector.store(targets[i], null, value);
                        }
                    }
                }
                case CONTENT -> {
                    if (!scalar(values, slots[i])) {
                        return false;
                    }
                    String value = walker.valueText(values, slots[i], memos[i]);
                    if (value == null || value.isEmpty()) {
                        xml.markup(afterEmpty[i]);
                        value = "";
                    } else {
                        xml.markup('>');
                        value = writeValue(i, value, false, walker, xml, collector);
                        xml.markup(after[i]);
                    }
                    if (targets[i] != RecordShape.NONE) {
                        collector.store(targets[i], keys[i], fields[i], value);
                    }
                }
                case NESTED -> {
                    if (!nested(values, slots[i], fragments, walker, xml, collector)) {
                        return false;
                    }
                }
                default -> collector.store(targets[i], keys[i], fields[i], texts[i]);
            }
        }
        return true;
    }

    /**
     * Writes the value the walker just decoded for a substitution step, redacted, as element
     * content or attribute text, and returns what it wrote.
     */
    private String writeValue(
            int step,
            String raw,
            boolean attribute,
            BinXmlWalker walker,
            XmlWriter xml,
            WindowsRecordCollector collector) {
        String value = redacted(step, raw, collector);
        xml.value(value, value == raw && walker.lastValuePlain(), attribute);
        return value;
    }

    /** A substitution step's value redacted; one it found clean last time is not scanned. */
    private String redacted(int step, String value, WindowsRecordCollector collector) {
        if (value == clean[step]) {
            return value;
        }
        String redacted = collector.redact(value);
        if (redacted == value) {
            clean[step] = value;
        }
        return redacted;
    }

    /**
     * Writes and stores a {@code TimeCreated} attribute that holds a FILETIME (how Windows writes
     * it) straight from its ticks, without making its text a String; false, with nothing done, for
     * any other value.
     */
    private boolean timeCreated(
            int step,
            Values values,
            BinXmlWalker walker,
            XmlWriter xml,
            WindowsRecordCollector collector) {
        int slot = slots[step];
        if (slot >= values.count()
                || values.type(slot) != ValueType.FILETIME
                || values.size(slot) < 8) {
            return false;
        }
        long ticks = walker.buffer().getLong(values.offset(slot));
        Instant instant = ValueFormatter.filetimeInstant(ticks);
        if (instant == null) {
            return false;
        }
        xml.markup(markups[step]);
        xml.filetime(ticks);
        xml.markup(after[step]);
        collector.timeCreated(instant);
        return true;
    }

    /**
     * Stores {@code TimeCreated}: a FILETIME (how Windows writes it) straight from its ticks,
     * anything else by parsing its text.
     */
    private static void storeTime(
            Values values,
            int slot,
            BinXmlWalker walker,
            WindowsRecordCollector collector,
            String text) {
        Instant instant = null;
        if (values.type(slot) == ValueType.FILETIME && values.size(slot) >= 8) {
            instant = ValueFormatter.filetimeInstant(walker.buffer().getLong(values.offset(slot)));
        }
        if (instant != null) {
            collector.timeCreated(instant);
        } else {
            collector.store(RecordShape.TIME_CREATED, null, text);
        }
    }

    /** Whether the value is absent or a single value (no array, no nested binary XML). */
    private static boolean scalar(Values values, int slot) {
        if (slot >= values.count()) {
            return true;
        }
        int type = values.type(slot);
        return (type & ValueType.ARRAY) == 0 && type != ValueType.BINXML;
    }

    /** Renders a nested binary XML value that is one instance of a template with a plan. */
    private static boolean nested(
            Values values,
            int slot,
            Fragments fragments,
            BinXmlWalker walker,
            XmlWriter xml,
            WindowsRecordCollector collector)
            throws BinXmlException {
        if (slot >= values.count()) {
            return true;
        }
        int type = values.type(slot);
        int size = values.size(slot);
        if (type == ValueType.NULL || size == 0) {
            return true; // rendered as nothing, like the walk
        }
        if (type != ValueType.BINXML) {
            return false;
        }
        // Nested plans hold no NESTED steps (nothing is under their root), so the values read
        // here stay put while the nested plan renders.
        Template template = fragments.readInstance(values.offset(slot), size);
        Values nestedValues = fragments.instanceValues();
        if (template == null) {
            List<Node> nodes = fragments.parse(values.offset(slot), size);
            if (nodes.size() != 1 || !(nodes.get(0) instanceof Node.TemplateInstance instance)) {
                return false;
            }
            template = instance.template();
            nestedValues = instance.values();
        }
        TemplatePlan plan = fragments.nestedPlan(template);
        return plan != null && plan.render(nestedValues, fragments, walker, xml, collector);
    }

    /**
     * One step; {@code text} is markup, an attribute prefix, a close tag or a constant value, and
     * {@code rest} the fixed markup written after an ATTRIBUTE or CONTENT step's own.
     */
    private record Op(int kind, int slot, int target, String text, String key, String rest) {
        Op(int kind, int slot, int target, String text, String key) {
            this(kind, slot, target, text, key, "");
        }

        Op followedBy(String markup) {
            return new Op(kind, slot, target, text, key, rest + markup);
        }
    }

    /** Walks a template body once, the way the walker and the collector would see it. */
    private static final class Compiler {
        private final RecordShape shape = new RecordShape();
        private final List<Op> ops = new ArrayList<>();
        private final StringBuilder markup = new StringBuilder();

        /** Renders literal pieces with the writer's own escaping. */
        private final XmlWriter literal = new XmlWriter(64);

        boolean element(Node.Element e) {
            shape.start(e.name());
            markup.append(e.openTag());
            for (Node.Attribute a : e.attributes()) {
                if (a.value().size() != 1) {
                    return false;
                }
                int target = shape.attribute(a.name());
                Node value = a.value().get(0);
                if (value instanceof Node.Text t) {
                    if (!clean(t.text())) {
                        return false;
                    }
                    literal.reset();
                    literal.attribute(a, t.text(), false);
                    markup.append(literal.xml());
                    if (target == RecordShape.DATA_NAME) {
                        shape.dataName(t.text());
                    } else if (target != RecordShape.NONE) {
                        constant(target, null, t.text());
                    }
                } else if (value instanceof Node.Substitution s
                        && target != RecordShape.DATA_NAME) {
                    // (A substituted Data Name would make the EventData key differ per record.)
                    flushMarkup();
                    ops.add(new Op(ATTRIBUTE, s.index(), target, a.prefix(), null));
                } else {
                    return false;
                }
            }
            List<Node> children = e.children();
            if (children.isEmpty()) {
                markup.append("/>");
                endWith(e, "");
            } else if (children.size() == 1 && children.get(0) instanceof Node.Substitution s) {
                flushMarkup();
                int target = shape.end(e.name());
                ops.add(new Op(CONTENT, s.index(), target, e.closeTag(), shape.key()));
            } else if (children.size() == 1 && children.get(0) instanceof Node.Text t) {
                if (!clean(t.text())) {
                    return false;
                }
                if (t.text().isEmpty()) {
                    markup.append("/>");
                } else {
                    literal.reset();
                    literal.text(t.text());
                    markup.append('>').append(literal.xml()).append(e.closeTag());
                }
                endWith(e, t.text());
            } else {
                // Elements only; under the root also substitutions of nested XML, as long as one
                // element keeps the content from being empty.
                boolean root = shape.depth() == 1;
                if (children.stream().noneMatch(c -> c instanceof Node.Element)) {
                    return false;
                }
                markup.append('>');
                for (Node child : children) {
                    if (child instanceof Node.Element c) {
                        if (!element(c)) {
                            return false;
                        }
                    } else if (root && child instanceof Node.Substitution s) {
                        flushMarkup();
                        ops.add(new Op(NESTED, s.index(), RecordShape.NONE, null, null));
                    } else {
                        return false;
                    }
                }
                markup.append(e.closeTag());
                endWith(e, "");
            }
            return true;
        }

        /** Whether redaction leaves a literal of the template as it is. */
        private static boolean clean(String text) {
            return Redactor.defaults().redact(text, new HashSet<>()) == text;
        }

        /** Ends the element in the shape; its text, fixed by the template, may fill a field. */
        private void endWith(Node.Element e, String text) {
            int target = shape.end(e.name());
            if (target != RecordShape.NONE) {
                constant(target, shape.key(), text);
            }
        }

        /**
         * A field store; it touches no XML, so pending markup may stay pending (stores keep their
         * order among themselves, markup among the XML steps).
         */
        private void constant(int target, String key, String value) {
            ops.add(new Op(CONSTANT, 0, target, value, key));
        }

        private void flushMarkup() {
            if (markup.length() > 0) {
                ops.add(new Op(MARKUP, 0, RecordShape.NONE, markup.toString(), null));
                markup.setLength(0);
            }
        }

        /**
         * The steps, each MARKUP step that follows an ATTRIBUTE or CONTENT step joined to it (only
         * CONSTANT steps, which write no XML, may lie between).
         */
        List<Op> finish() {
            flushMarkup();
            List<Op> joined = new ArrayList<>(ops.size());
            int lastWriter = -1;
            for (Op op : ops) {
                if (op.kind == MARKUP && lastWriter >= 0) {
                    joined.set(lastWriter, joined.get(lastWriter).followedBy(op.text));
                    continue;
                }
                if (op.kind == ATTRIBUTE || op.kind == CONTENT) {
                    lastWriter = joined.size();
                } else if (op.kind != CONSTANT) {
                    lastWriter = -1;
                }
                joined.add(op);
            }
            return joined;
        }
    }
}
