package dev.runtrail.ingest.windows.evtx.binxml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Binary XML built by hand in a chunk-sized buffer, token by token as the format describes it:
 * inline and referenced names, a template defined inline and then reused by offset, normal and
 * optional substitutions, entity and character references, CDATA, a processing instruction, an
 * array value and a nested BinXML value (type 0x21) whose element has no dependency identifier.
 */
class BinXmlParserTest {
    private final byte[] chunk = new byte[65536];
    private final ByteBuffer b = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);

    private void name(String name) {
        b.putInt(b.position() + 4); // inline: the offset points just past itself
        b.putInt(0).putShort((short) 0).putShort((short) name.length());
        b.put(name.getBytes(StandardCharsets.UTF_16LE)).putShort((short) 0);
    }

    private void open(String name, boolean attributes, boolean inTemplate) {
        b.put((byte) (attributes ? 0x41 : 0x01));
        if (inTemplate) {
            b.putShort((short) 0); // dependency identifier
        }
        b.putInt(0); // data size (unused by the parser)
        name(name);
        if (attributes) {
            b.putInt(0); // attribute list size
        }
    }

    private void text(String s) {
        b.put((byte) 0x05).put((byte) 0x01).putShort((short) s.length());
        b.put(s.getBytes(StandardCharsets.UTF_16LE));
    }

    private void sub(boolean optional, int index, int type) {
        b.put((byte) (optional ? 0x0e : 0x0d)).putShort((short) index).put((byte) type);
    }

    private void fragmentHeader() {
        b.put((byte) 0x0f).put((byte) 1).put((byte) 1).put((byte) 0);
    }

    /** Writes the template body: {@code <Event Id=%0 Opt=%1?>...</Event>}. */
    private void templateBody() {
        fragmentHeader();
        open("Event", true, true);
        b.put((byte) 0x06);
        name("Id");
        sub(true, 0, ValueType.UINT32);
        b.put((byte) 0x06);
        name("Opt");
        sub(true, 1, ValueType.GUID);
        b.put((byte) 0x02);
        open("Data", false, true);
        b.put((byte) 0x02);
        sub(false, 2, ValueType.STRING);
        b.put((byte) 0x04);
        open("T", false, true);
        b.put((byte) 0x02);
        text("a");
        b.put((byte) 0x09);
        name("amp");
        b.put((byte) 0x08).putShort((short) 'A');
        b.put((byte) 0x07).putShort((short) 3).put("x<y".getBytes(StandardCharsets.UTF_16LE));
        b.put((byte) 0x04);
        b.put((byte) 0x0a);
        name("pi");
        b.put((byte) 0x0b).putShort((short) 1).put("d".getBytes(StandardCharsets.UTF_16LE));
        open("Arr", false, true);
        b.put((byte) 0x02);
        sub(true, 3, ValueType.STRING | ValueType.ARRAY);
        b.put((byte) 0x04);
        open("N", false, true);
        b.put((byte) 0x02);
        sub(true, 4, ValueType.BINXML);
        b.put((byte) 0x04);
        b.put((byte) 0x04); // </Event>
        b.put((byte) 0x00);
    }

    /** A record body: a template instance (inline definition when {@code definition} < 0). */
    private int[] record(int definition, int id, String data) {
        int start = b.position();
        fragmentHeader();
        b.put((byte) 0x0c).put((byte) 1).putInt(0x1234);
        int definitionOffset;
        if (definition < 0) {
            definitionOffset = b.position() + 4;
            b.putInt(definitionOffset);
            b.putInt(0); // next template
            for (int i = 0; i < 16; i++) {
                b.put((byte) i);
            }
            int sizeAt = b.position();
            b.putInt(0);
            int dataStart = b.position();
            templateBody();
            b.putInt(sizeAt, b.position() - dataStart);
        } else {
            definitionOffset = definition;
            b.putInt(definition);
        }
        byte[] string = data.getBytes(StandardCharsets.UTF_16LE);
        byte[] array = "p\0\0q\0".getBytes(StandardCharsets.UTF_16LE);
        b.putInt(5);
        b.putShort((short) 4).put((byte) ValueType.UINT32).put((byte) 0);
        b.putShort((short) 0).put((byte) ValueType.NULL).put((byte) 0);
        b.putShort((short) string.length).put((byte) ValueType.STRING).put((byte) 0);
        b.putShort((short) array.length)
                .put((byte) (ValueType.STRING | ValueType.ARRAY))
                .put((byte) 0);
        int nestedSizeAt = b.position();
        b.putShort((short) 0).put((byte) ValueType.BINXML).put((byte) 0);
        b.putInt(id);
        b.put(string);
        b.put(array);
        // Inline names are position-dependent, so the nested fragment is written in place.
        int nestedStart = b.position();
        nested();
        b.putShort(nestedSizeAt, (short) (b.position() - nestedStart));
        b.put((byte) 0x00);
        return new int[] {start, b.position() - start, definitionOffset};
    }

    /** A nested fragment with an element written outside any template (no dependency id). */
    private void nested() {
        fragmentHeader();
        open("In", false, false);
        b.put((byte) 0x02);
        text("z");
        b.put((byte) 0x04);
        b.put((byte) 0x00);
    }

    private String render(BinXmlParser parser, int[] record) throws BinXmlException {
        XmlWriter xml = new XmlWriter();
        new BinXmlWalker(parser).walk(parser.parseFragment(record[0], record[1]), null, xml);
        return xml.xml();
    }

    @Test
    void inlineTemplateThenReuseByOffset() throws Exception {
        b.position(512);
        int[] first = record(-1, 7, "v<1");
        int[] second = record(first[2], 8, "w");
        BinXmlParser parser = new BinXmlParser(chunk);

        String expectedTail =
                "<T>a&amp;A<![CDATA[x<y]]></T><?pi d?><Arr>p</Arr><Arr/><Arr>q</Arr>"
                        + "<N><In>z</In></N></Event>";
        assertEquals("<Event Id=\"7\"><Data>v&lt;1</Data>" + expectedTail, render(parser, first));
        assertEquals("<Event Id=\"8\"><Data>w</Data>" + expectedTail, render(parser, second));
    }

    @Test
    void readInstanceGivesWhatTheParseGivesOrLeavesItToTheParse() throws Exception {
        b.position(512);
        int[] first = record(-1, 7, "v<1");
        int[] second = record(first[2], 8, "w");
        BinXmlParser parser = new BinXmlParser(chunk);
        Values values = new Values();
        // defined inline: only the general parse reads the definition
        assertNull(parser.readInstance(first[0], first[1], values));
        parser.parseFragment(first[0], first[1]);

        Node.TemplateInstance parsed =
                (Node.TemplateInstance) parser.parseFragment(second[0], second[1]).get(0);
        Template read = parser.readInstance(second[0], second[1], values);
        assertSame(parsed.template(), read);
        assertEquals(parsed.values().count(), values.count());
        for (int i = 0; i < values.count(); i++) {
            assertEquals(parsed.values().type(i), values.type(i));
            assertEquals(parsed.values().offset(i), values.offset(i));
            assertEquals(parsed.values().size(i), values.size(i));
        }

        // cut short, or followed by more than the end-of-fragment token: the parse decides
        assertNull(parser.readInstance(second[0], second[1] - 3, values));
        chunk[second[0] + second[1] - 1] = 0x05;
        assertNull(parser.readInstance(second[0], second[1], values));
    }

    @Test
    void truncatedDataIsAnExceptionNotACrash() {
        b.position(512);
        int[] first = record(-1, 7, "v");
        BinXmlParser parser = new BinXmlParser(chunk);
        BinXmlException e =
                assertThrows(BinXmlException.class, () -> parser.parseFragment(first[0], 40));
        assertTrue(e.getMessage().startsWith("Expected "), e.getMessage());
    }
}
