package dev.runtrail.ingest.windows.evtx.binxml;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses binary XML fragments of one chunk into {@link Node}s. Names and template definitions are
 * referenced by chunk offset; both are cached for the life of the chunk, so each template is parsed
 * once per chunk however many records use it.
 */
public final class BinXmlParser {
    /** Deeper nesting than this is treated as corrupt data rather than risking a stack overflow. */
    private static final int MAX_DEPTH = 64;

    private final ByteBuffer buf;
    private final NameTable nameTable;
    private final OffsetMap<NameTable.Name> names = new OffsetMap<>(256);
    private final OffsetMap<Template> templates = new OffsetMap<>(32);
    private int pos;
    private int end;
    private int depth;
    private boolean inTemplateDefinition;

    /** Bodies parsed in earlier chunks of the file, or null to parse every definition. */
    private final TemplateBodies bodies;

    /** {@link #nameIs}, made once: a reused body's name references are checked with it. */
    private final TemplateBodies.Names nameCheck;

    /**
     * While a definition is parsed for {@link #bodies}: where its name references start, the text
     * of those defined outside its data, and whether it still depends on no other template.
     */
    private int[] recordedNames = new int[16];

    private String[] recordedExternal = new String[16];

    private int recordedCount;
    private boolean recording;
    private boolean selfContained;
    private int recordBase;

    /** A parser over one chunk's bytes; offsets are relative to the chunk start. */
    public BinXmlParser(byte[] chunk) {
        this(chunk, new NameTable());
    }

    /** A parser over one chunk that shares decoded names with the other chunks of its file. */
    public BinXmlParser(byte[] chunk, NameTable nameTable) {
        this(chunk, nameTable, null);
    }

    /**
     * A parser over one chunk that shares decoded names and template bodies with the other chunks
     * of its file ({@code bodies} may be null).
     */
    public BinXmlParser(byte[] chunk, NameTable nameTable, TemplateBodies bodies) {
        this.buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        this.nameTable = nameTable;
        this.bodies = bodies;
        this.nameCheck = this::nameIs;
    }

    private boolean nameIs(int offset, String text) {
        try {
            return name(offset).text().equals(text);
        } catch (BinXmlException e) {
            return false;
        }
    }

    /** The chunk bytes, for decoding substitution values. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Parses the fragment at {@code [offset, offset + length)} (a record body or a 0x21 value). */
    public List<Node> parseFragment(int offset, int length) throws BinXmlException {
        int savedPos = pos;
        int savedEnd = end;
        boolean savedInTemplate = inTemplateDefinition;
        try {
            pos = offset;
            end = Math.min(offset + length, buf.capacity());
            inTemplateDefinition = false;
            return readContent(true);
        } finally {
            pos = savedPos;
            end = savedEnd;
            inTemplateDefinition = savedInTemplate;
        }
    }

    /**
     * Reads a fragment that is one instance of a template already defined in the chunk (how record
     * bodies and the EventData values of Security events look), filling {@code values} and
     * returning the template; no nodes are built. Null when the fragment has any other shape,
     * defines its template inline, or does not hold together: {@link #parseFragment} then says what
     * it is, or what is wrong with it. When this returns a template, {@code parseFragment} would
     * return that one instance, with the same template and values.
     */
    public Template readInstance(int offset, int length, Values values) {
        int limit = Math.min(offset + length, buf.capacity());
        int p = offset;
        while (p < limit && (buf.get(p) & ~Token.MORE_BIT) == Token.FRAGMENT_HEADER) {
            p += 4;
        }
        // token, 1 unknown byte, 4-byte template id, 4-byte definition offset, 4-byte count
        if (p < offset
                || p + 14 > limit
                || (buf.get(p) & ~Token.MORE_BIT) != Token.TEMPLATE_INSTANCE) {
            return null;
        }
        int definitionOffset = buf.getInt(p + 6);
        p += 10;
        Template template = templates.get(definitionOffset);
        if (template == null || definitionOffset == p) {
            // Not parsed yet, or defined right here: the general parse reads the definition.
            return null;
        }
        int count = buf.getInt(p);
        p += 4;
        if (count < 0 || (long) count * 4 > limit - p) {
            return null;
        }
        values.refill(count);
        int at = p + count * 4;
        for (int i = 0, d = p; i < count; i++, d += 4) {
            int size = buf.getShort(d) & 0xffff;
            if (size > limit - at) {
                return null;
            }
            values.set(i, buf.get(d + 2) & 0xff, at, size);
            at += size;
        }
        // After the instance the general parse stops at the end of the data or an EOF token.
        if (at < limit && (buf.get(at) & ~Token.MORE_BIT) != Token.EOF) {
            return null;
        }
        return template;
    }

    /** Content until EOF (fragment level) or END_ELEMENT (inside an element). */
    private List<Node> readContent(boolean fragmentLevel) throws BinXmlException {
        List<Node> nodes = new ArrayList<>(4);
        while (true) {
            if (pos >= end) {
                if (fragmentLevel) {
                    return nodes;
                }
                throw new BinXmlException(
                        "Expected an end-element token before offset "
                                + end
                                + ", found the end of the data.");
            }
            int at = pos;
            int token = u8();
            switch (token & ~Token.MORE_BIT) {
                case Token.EOF -> {
                    if (!fragmentLevel) {
                        throw new BinXmlException(
                                "Expected an end-element token at chunk offset "
                                        + at
                                        + ", found end-of-fragment (0x00).");
                    }
                    return nodes;
                }
                case Token.FRAGMENT_HEADER -> skip(3);
                case Token.OPEN_START_ELEMENT -> nodes.add(readElement(token, at));
                case Token.END_ELEMENT -> {
                    if (fragmentLevel) {
                        throw new BinXmlException(
                                "Expected content or end-of-fragment at chunk offset "
                                        + at
                                        + ", found an end-element token (0x04) with no open element.");
                    }
                    return nodes;
                }
                case Token.VALUE -> nodes.add(readValueText(at));
                case Token.NORMAL_SUBSTITUTION -> nodes.add(readSubstitution(false));
                case Token.OPTIONAL_SUBSTITUTION -> nodes.add(readSubstitution(true));
                case Token.CHAR_REF -> nodes.add(new Node.CharRef(u16()));
                case Token.ENTITY_REF -> nodes.add(new Node.EntityRef(readName().text()));
                case Token.CDATA -> nodes.add(new Node.CData(readCountedUtf16()));
                case Token.PI_TARGET -> nodes.add(readProcessingInstruction());
                case Token.TEMPLATE_INSTANCE -> nodes.add(readTemplateInstance(at));
                default ->
                        throw unexpected("an element, text, substitution or end token", token, at);
            }
        }
    }

    private Node.Element readElement(int token, int at) throws BinXmlException {
        if (++depth > MAX_DEPTH) {
            throw new BinXmlException(
                    "Expected element nesting of at most "
                            + MAX_DEPTH
                            + ", found deeper nesting at chunk offset "
                            + at
                            + ".");
        }
        try {
            // Template definitions carry a dependency identifier before the size; elements written
            // directly in a record or in a nested BinXML value do not.
            if (inTemplateDefinition) {
                skip(2);
            }
            skip(4); // data size: the content is delimited by tokens anyway
            NameTable.Name name = readName();
            List<Node.Attribute> attributes = List.of();
            if ((token & Token.MORE_BIT) != 0) {
                skip(4); // attribute list size
                attributes = readAttributes();
            }
            int closeAt = pos;
            int close = u8();
            List<Node> children;
            if (close == Token.CLOSE_EMPTY_ELEMENT) {
                children = List.of();
            } else if (close == Token.CLOSE_START_ELEMENT) {
                children = readContent(false);
            } else {
                throw unexpected(
                        "a close-start (0x02) or close-empty (0x03) token of <" + name.text() + ">",
                        close,
                        closeAt);
            }
            return new Node.Element(
                    name.text(), attributes, children, name.openTag(), name.closeTag());
        } finally {
            depth--;
        }
    }

    private List<Node.Attribute> readAttributes() throws BinXmlException {
        List<Node.Attribute> attributes = new ArrayList<>(4);
        while (pos < end && (peek() & ~Token.MORE_BIT) == Token.ATTRIBUTE) {
            u8();
            NameTable.Name name = readName();
            List<Node> value = new ArrayList<>(1);
            while (pos < end) {
                int at = pos;
                int t = peek() & ~Token.MORE_BIT;
                if (t == Token.VALUE) {
                    u8();
                    value.add(readValueText(at));
                } else if (t == Token.NORMAL_SUBSTITUTION || t == Token.OPTIONAL_SUBSTITUTION) {
                    u8();
                    value.add(readSubstitution(t == Token.OPTIONAL_SUBSTITUTION));
                } else if (t == Token.CHAR_REF) {
                    u8();
                    value.add(new Node.CharRef(u16()));
                } else if (t == Token.ENTITY_REF) {
                    u8();
                    value.add(new Node.EntityRef(readName().text()));
                } else {
                    break;
                }
            }
            if (value.isEmpty()) {
                throw unexpected(
                        "a value or substitution for attribute " + name.text(), peek(), pos);
            }
            attributes.add(new Node.Attribute(name.text(), value, name.attributePrefix()));
        }
        return attributes;
    }

    private Node.Text readValueText(int at) throws BinXmlException {
        int type = u8();
        if (type != ValueType.STRING) {
            // Only UTF-16 text is written as literal value tokens in practice; other types appear
            // as
            // substitutions.
            if (type == ValueType.ANSI_STRING) {
                int count = u16();
                need(count);
                String s = ValueFormatter.ansi(buf, pos, count);
                pos += count;
                return new Node.Text(s);
            }
            throw new BinXmlException(
                    "Expected a string value type (0x01) in the value token at chunk offset "
                            + at
                            + ", found type "
                            + Token.describe(type)
                            + ".");
        }
        return new Node.Text(readCountedUtf16());
    }

    private Node.Substitution readSubstitution(boolean optional) throws BinXmlException {
        int index = u16();
        int type = u8();
        return new Node.Substitution(index, type, optional);
    }

    private Node.ProcessingInstruction readProcessingInstruction() throws BinXmlException {
        String target = readName().text();
        String data = "";
        if (pos < end && (peek() & ~Token.MORE_BIT) == Token.PI_DATA) {
            u8();
            data = readCountedUtf16();
        }
        return new Node.ProcessingInstruction(target, data);
    }

    private Node.TemplateInstance readTemplateInstance(int at) throws BinXmlException {
        // a body holding an instance depends on another template's bytes
        selfContained = false;
        skip(1); // unknown
        skip(4); // template id (a hash; the definition offset is what identifies it here)
        int definitionOffset = u32();
        Template template;
        if (definitionOffset == pos) {
            // The definition is written inline, the first time the chunk uses it.
            template = readTemplateDefinition(definitionOffset);
            pos = definitionOffset + 24 + templateDataSize(definitionOffset);
        } else {
            template = template(definitionOffset);
        }
        int count = u32();
        if (count < 0 || (long) count * 4 > end - pos) {
            throw new BinXmlException(
                    "Expected a substitution count that fits the record at chunk offset "
                            + (pos - 4)
                            + ", found "
                            + Integer.toUnsignedString(count)
                            + ".");
        }
        int[] sizes = new int[count];
        int[] types = new int[count];
        int[] offsets = new int[count];
        // The descriptors (size, type, padding) were bounds-checked with the count above.
        for (int i = 0, d = pos; i < count; i++, d += 4) {
            sizes[i] = buf.getShort(d) & 0xffff;
            types[i] = buf.get(d + 2) & 0xff;
        }
        pos += count * 4;
        for (int i = 0; i < count; i++) {
            need(sizes[i]);
            offsets[i] = pos;
            pos += sizes[i];
        }
        return new Node.TemplateInstance(template, new Values(types, offsets, sizes));
    }

    /** The template defined at this chunk offset, parsed on first use. */
    public Template template(int offset) throws BinXmlException {
        Template cached = templates.get(offset);
        if (cached != null) {
            return cached;
        }
        return readTemplateDefinition(offset);
    }

    private int templateDataSize(int offset) {
        return buf.getInt(offset + 20);
    }

    private Template readTemplateDefinition(int offset) throws BinXmlException {
        Template cached = templates.get(offset);
        if (cached != null) {
            return cached;
        }
        if (offset < 0 || offset + 24 > buf.capacity()) {
            throw new BinXmlException(
                    "Expected a template definition inside the chunk, found offset "
                            + Integer.toUnsignedString(offset)
                            + ".");
        }
        int size = templateDataSize(offset);
        int dataStart = offset + 24;
        if (size < 0 || dataStart + size > buf.capacity()) {
            throw new BinXmlException(
                    "Expected template data inside the chunk at offset "
                            + offset
                            + ", found size "
                            + Integer.toUnsignedString(size)
                            + ".");
        }
        if (depth >= MAX_DEPTH) {
            throw new BinXmlException(
                    "Expected templates nested at most "
                            + MAX_DEPTH
                            + " deep, found deeper nesting at chunk offset "
                            + offset
                            + " (a template that refers to itself?).");
        }
        String guid = ValueFormatter.guid(buf, offset + 4);
        if (bodies != null) {
            List<Node> known = bodies.find(guid, buf, dataStart, size, depth, nameCheck);
            if (known != null) {
                // any definition within the one being recorded makes it depend on other bytes
                selfContained = false;
                Template template = new Template(offset, guid, known);
                templates.put(offset, template);
                return template;
            }
        }
        int savedPos = pos;
        int savedEnd = end;
        boolean savedInTemplate = inTemplateDefinition;
        boolean savedRecording = recording;
        boolean savedSelfContained = selfContained;
        int savedCount = recordedCount;
        int savedBase = recordBase;
        int parseDepth = depth;
        try {
            pos = dataStart;
            end = dataStart + size;
            inTemplateDefinition = true;
            recording = bodies != null && !savedRecording;
            selfContained = true;
            recordedCount = 0;
            recordBase = dataStart;
            depth++;
            List<Node> body = readContent(true);
            Template template = new Template(offset, guid, body);
            templates.put(offset, template);
            if (recording && selfContained) {
                bodies.remember(
                        guid,
                        buf,
                        dataStart,
                        size,
                        Arrays.copyOf(recordedNames, recordedCount),
                        Arrays.copyOf(recordedExternal, recordedCount),
                        parseDepth,
                        body);
            }
            return template;
        } finally {
            depth--;
            pos = savedPos;
            end = savedEnd;
            inTemplateDefinition = savedInTemplate;
            recording = savedRecording;
            // a definition within the one being recorded makes it depend on other bytes
            selfContained = savedSelfContained && !savedRecording;
            recordedCount = savedCount;
            recordBase = savedBase;
        }
    }

    /**
     * A name reference: a chunk offset, with the name written inline when the offset points just
     * past itself (the first use in the chunk).
     */
    private NameTable.Name readName() throws BinXmlException {
        int offset = u32();
        if (offset == pos) {
            NameTable.Name name = name(offset);
            int chars = buf.getShort(offset + 6) & 0xffff;
            pos = offset + 8 + chars * 2 + 2;
            if (recording) {
                recordName(offset - 4, pos > end ? null : name, true);
            }
            return name;
        }
        NameTable.Name name = name(offset);
        if (recording) {
            recordName(pos - 4, name, false);
        }
        return name;
    }

    /**
     * Notes a name reference at chunk offset {@code at} of the definition being recorded; a null
     * name (one running past the data, so not covered by a comparison of it) stops the recording.
     */
    private void recordName(int at, NameTable.Name name, boolean inline) {
        if (name == null) {
            selfContained = false;
            return;
        }
        if (recordedCount == recordedNames.length) {
            recordedNames = Arrays.copyOf(recordedNames, recordedCount * 2);
            recordedExternal = Arrays.copyOf(recordedExternal, recordedCount * 2);
        }
        recordedExternal[recordedCount] = inline ? null : name.text();
        recordedNames[recordedCount++] = at - recordBase;
    }

    private NameTable.Name name(int offset) throws BinXmlException {
        NameTable.Name cached = names.get(offset);
        if (cached != null) {
            return cached;
        }
        if (offset < 0 || offset + 8 > buf.capacity()) {
            throw new BinXmlException(
                    "Expected a name string inside the chunk, found offset "
                            + Integer.toUnsignedString(offset)
                            + ".");
        }
        int chars = buf.getShort(offset + 6) & 0xffff;
        if (offset + 8 + chars * 2 > buf.capacity()) {
            throw new BinXmlException(
                    "Expected a name of "
                            + chars
                            + " characters inside the chunk at offset "
                            + offset
                            + ", found the chunk end.");
        }
        NameTable.Name name =
                nameTable.intern(buf, offset + 8, chars * 2, buf.getShort(offset + 4) & 0xffff);
        names.put(offset, name);
        return name;
    }

    private String readCountedUtf16() throws BinXmlException {
        int chars = u16();
        need(chars * 2);
        String s = ValueFormatter.utf16(buf, pos, chars * 2);
        pos += chars * 2;
        return s;
    }

    private BinXmlException unexpected(String expected, int token, int at) {
        return new BinXmlException(
                "Expected "
                        + expected
                        + " at chunk offset "
                        + at
                        + ", found token "
                        + Token.describe(token)
                        + ".");
    }

    private void need(int n) throws BinXmlException {
        if (n < 0 || pos + n > end) {
            throw new BinXmlException(
                    "Expected "
                            + n
                            + " more bytes at chunk offset "
                            + pos
                            + ", found only "
                            + Math.max(0, end - pos)
                            + " before the end of the data.");
        }
    }

    private int peek() {
        return buf.get(pos) & 0xff;
    }

    private void skip(int n) throws BinXmlException {
        need(n);
        pos += n;
    }

    private int u8() throws BinXmlException {
        need(1);
        return buf.get(pos++) & 0xff;
    }

    private int u16() throws BinXmlException {
        need(2);
        int v = buf.getShort(pos) & 0xffff;
        pos += 2;
        return v;
    }

    private int u32() throws BinXmlException {
        need(4);
        int v = buf.getInt(pos);
        pos += 4;
        return v;
    }
}
