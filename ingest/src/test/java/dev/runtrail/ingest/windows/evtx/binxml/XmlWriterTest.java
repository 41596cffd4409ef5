package dev.runtrail.ingest.windows.evtx.binxml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writer keeps Latin-1 records as bytes and moves to a StringBuilder at the first character
 * above U+00FF; the text must come out the same wherever that character appears.
 */
class XmlWriterTest {
    private static String write(String text, String attribute, String name) {
        XmlWriter xml = new XmlWriter(16);
        xml.startElement("Event");
        xml.attribute("a", attribute);
        xml.plainAttribute("p", "1");
        xml.startElement(name);
        xml.text(text);
        xml.endElement(name);
        Node.Element w = new Node.Element("W", List.of(), List.of());
        xml.startElement(w);
        xml.attribute(new Node.Attribute("Name", List.of()), "x\"y", false);
        xml.text("é<ü");
        xml.endElement(w);
        // as plans write: prebuilt markup around values
        xml.markup(new XmlWriter.Markup("<Data Name=\""));
        xml.value(attribute, false, true);
        xml.markup('"');
        xml.markup('>');
        xml.value(text, false, false);
        xml.value("0x1f", true, false);
        xml.markup(new XmlWriter.Markup("</Data>"));
        xml.markup(new XmlWriter.Markup("<\u0141\u00e9/>")); // markup with a wide character
        xml.markup(new XmlWriter.Markup("<\u00e9/>"));
        xml.startElement("Empty");
        xml.endElement("Empty");
        xml.cdata("c]" + text);
        xml.processingInstruction("pi", "d");
        xml.markup(new XmlWriter.Markup("</Event>"));
        return xml.xml();
    }

    private static String expected(String text, String attribute, String name) {
        String escapedText = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String escapedAttribute =
                attribute
                        .replace("&", "&amp;")
                        .replace("<", "&lt;")
                        .replace(">", "&gt;")
                        .replace("\"", "&quot;");
        return "<Event a=\""
                + escapedAttribute
                + "\" p=\"1\"><"
                + name
                + ">"
                + escapedText
                + "</"
                + name
                + "><W Name=\"x&quot;y\">é&lt;ü</W><Data Name=\""
                + escapedAttribute
                + "\">"
                + escapedText
                + "0x1f</Data><\u0141\u00e9/><\u00e9/><Empty/><![CDATA[c]"
                + text
                + "]]><?pi d?></Event>";
    }

    @Test
    void latinAndWideRecordsRenderAlike() {
        String[][] cases = {
            {"plain & <simple>", "v\"1", "Text"},
            {"wide \u4e2d & <x> after", "v", "Text"},
            {"plain", "wide \u20ac\"", "Text"},
            {"plain", "v", "N\u00e4me\u0394"},
            {"\ud83d\ude00", "\u0100", "T"},
            {"x".repeat(5000), "y".repeat(3000), "Long"},
            // more entities than the writer's room for the text itself
            {"<a href=\"x\">&amp;</a>".repeat(500), "\"<&>\"".repeat(300), "Many"},
            {"<&>".repeat(100) + "\u4e2d" + "<&>\"", "&".repeat(50) + "\u20ac\"", "Late"},
            {"\u00e9<\u00ff>&\u0080\"", "\u00e9\"\u00ff<", "Upper"},
        };
        for (String[] c : cases) {
            assertEquals(expected(c[0], c[1], c[2]), write(c[0], c[1], c[2]), c[0]);
        }
    }

    @Test
    void aResetWriterStartsLatinAgain() {
        XmlWriter xml = new XmlWriter(16);
        xml.text("\u4e2d");
        xml.reset();
        xml.text("a&b");
        assertEquals("a&amp;b", xml.xml());
    }
}
