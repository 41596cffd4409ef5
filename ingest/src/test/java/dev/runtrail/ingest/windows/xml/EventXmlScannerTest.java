package dev.runtrail.ingest.windows.xml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtrail.ingest.windows.Records;
import dev.runtrail.ingest.windows.WindowsRecord;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanner on the XML features event exports use (references, CDATA, comments,
 * quoting, prefixes, line ends) and on each kind of malformed element. Expected values follow from
 * the XML 1.0 and Namespaces rules, written out by hand.
 */
class EventXmlScannerTest {
    private static final WindowsXmlFormat FORMAT = new WindowsXmlFormat();
    private static final String NS = "http://schemas.microsoft.com/win/2004/08/events/event";

    /** An event with the given EventData content (and anything after it before </Event>). */
    static String event(long recordId, String eventData) {
        return "<Event xmlns='"
                + NS
                + "'><System><Provider Name='Microsoft-Windows-Security-Auditing'/>"
                + "<EventID>4688</EventID><TimeCreated SystemTime='2024-05-01T12:00:00Z'/>"
                + "<EventRecordID>"
                + recordId
                + "</EventRecordID><Channel>Security</Channel><Computer>WIN-01</Computer>"
                + "</System><EventData>"
                + eventData
                + "</EventData></Event>";
    }

    private static WindowsRecord parse(String xml) throws BadEventException {
        byte[] b = ("  " + xml + "  ").getBytes(StandardCharsets.UTF_8);
        // parsed from the middle of a larger buffer, as the splitter hands elements out
        return new EventXmlScanner().parse(b, 2, b.length - 2);
    }

    @Test
    void predefinedEntities() throws Exception {
        WindowsRecord r =
                parse(
                        event(
                                1,
                                "<Data Name='CommandLine'>cmd /c \"a &amp;&amp; b\" &lt;in &gt;out"
                                        + " &quot;q&quot; &apos;s&apos;</Data>"));
        assertThat(r.eventData())
                .containsEntry("CommandLine", "cmd /c \"a && b\" <in >out \"q\" 's'");
    }

    /** XML spells hex references with a small x only. */
    @Test
    void capitalXIsNotAHexReference() {
        assertThatThrownBy(() -> parse(event(1, "<Data Name='A'>&#X43;</Data>")))
                .isInstanceOf(BadEventException.class)
                .hasMessageContaining("malformed character reference");
    }

    @Test
    void characterReferencesAboveTheBasicPlane() throws Exception {
        WindowsRecord r = parse(event(1, "<Data Name='Refs'>&#65;&#x42;&#x20AC;&#128512;</Data>"));
        assertThat(r.eventData()).containsEntry("Refs", "AB\u20ac\ud83d\ude00");
    }

    @Test
    void cdataCommentsAndProcessingInstructionsInText() throws Exception {
        WindowsRecord r =
                parse(
                        event(
                                1,
                                "<Data Name='Script'><![CDATA[if (a < b && c > d) { x = \"&amp;\"; }]]></Data>"
                                        + "<Data Name='Split'>ab<!-- note -->cd<?pi data?>ef</Data>"
                                        + "<!-- between fields -->"
                                        + "<Data Name='Mixed'>1 &lt; <![CDATA[<2>]]> &amp; 3</Data>"));
        assertThat(r.eventData())
                .containsEntry("Script", "if (a < b && c > d) { x = \"&amp;\"; }")
                .containsEntry("Split", "abcdef")
                .containsEntry("Mixed", "1 < <2> & 3");
        assertThat(r.eventData().keySet()).containsExactly("Script", "Split", "Mixed");
    }

    @Test
    void attributeQuotingAndNormalization() throws Exception {
        WindowsRecord r =
                parse(
                        event(
                                1,
                                "<Data Name=\"Double\">1</Data><Data Name='Single'>2</Data>"
                                        + "<Data  Name = \"Spaced\" >3</Data>"
                                        + "<Data Name=\"it's\">4</Data><Data Name='say \"hi\"'>5</Data>"
                                        + "<Data Name='a&amp;b&#9;c'>6</Data>"
                                        + "<Data Name='tab\there\r\nand\nline'>7</Data>"));
        assertThat(r.eventData())
                .containsEntry("Double", "1")
                .containsEntry("Single", "2")
                .containsEntry("Spaced", "3")
                .containsEntry("it's", "4")
                .containsEntry("say \"hi\"", "5")
                // a referenced tab stays a tab; literal tabs and line ends become spaces
                .containsEntry("a&b\tc", "6")
                .containsEntry("tab here and line", "7");
    }

    @Test
    void lineEndsInTextBecomeLineFeedsUnlessReferenced() throws Exception {
        WindowsRecord r =
                parse(
                        event(
                                1,
                                "<Data Name='Crlf'>a\r\nb\rc\n</Data>"
                                        + "<Data Name='Ref'>a&#13;\nb</Data>"
                                        + "<Data Name='Space'>  </Data><Data Name='Empty'/>"));
        assertThat(r.eventData())
                .containsEntry("Crlf", "a\nb\nc\n")
                .containsEntry("Ref", "a\r\nb")
                .containsEntry("Space", "  ")
                .containsEntry("Empty", "");
    }

    @Test
    void prefixesAreStrippedWhenDeclared() throws Exception {
        String xml =
                "<ev:Event xmlns:ev='"
                        + NS
                        + "'><ev:System><ev:Provider ev:Name='P'/><ev:EventID>7</ev:EventID>"
                        + "<ev:TimeCreated SystemTime='2024-05-01T12:00:00Z'/></ev:System>"
                        + "<ev:UserData><x:Wrapper xmlns:x='urn:x'><x:Field x:a='1'>v</x:Field>"
                        + "<Other xml:lang='en'>w</Other></x:Wrapper></ev:UserData></ev:Event>";
        WindowsRecord r = parse(xml);
        assertThat(r.eventId()).isEqualTo(7);
        assertThat(r.providerName()).isEqualTo("P");
        assertThat(r.eventData())
                .containsExactlyInAnyOrderEntriesOf(Map.of("Field", "v", "Other", "w"));
        assertThat(r.eventData().keySet()).containsExactly("Field", "Other");
    }

    @Test
    void unnamedAndEmptyNamedDataAreNumbered() throws Exception {
        WindowsRecord r =
                parse(
                        event(
                                1,
                                "<Data>a</Data><Data Name=''>b</Data><Data Name='N'>c</Data><Data/>"));
        assertThat(r.eventData())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("param1", "a", "param2", "b", "N", "c", "param3", ""));
        assertThat(r.eventData().keySet()).containsExactly("param1", "param2", "N", "param3");
    }

    @Test
    void systemHeaderAndRenderedMessage() throws Exception {
        String xml =
                "<Event xmlns='"
                        + NS
                        + "'><System><Provider Name='Microsoft-Windows-Security-Auditing'"
                        + " Guid='{54849625-5478-4994-a5ba-3e3b0328c30d}'/>\n"
                        + "  <EventID> 4624 </EventID><Version>2</Version><Level>0</Level>"
                        + "<Task>12544</Task><Opcode>0</Opcode><Keywords>0x8020000000000000</Keywords>"
                        + "<TimeCreated SystemTime=\"2024-05-01T12:00:03.1234567Z\"/>"
                        + "<EventRecordID>99</EventRecordID><Correlation/>"
                        + "<Execution ProcessID='640' ThreadID='712'/><Channel>Security</Channel>"
                        + "<Computer>WIN-01</Computer><Security UserID='S-1-5-18'/></System>"
                        + "<EventData/><RenderingInfo Culture='en-US'><Message>Logged on.&#13;\n"
                        + "Subject:</Message><Level>Information</Level></RenderingInfo></Event>";
        WindowsRecord r = parse(xml);
        assertThat(r.eventId()).isEqualTo(4624);
        assertThat(r.providerGuid()).isEqualTo("{54849625-5478-4994-a5ba-3e3b0328c30d}");
        assertThat(r.version()).isEqualTo(2);
        assertThat(r.task()).isEqualTo(12544);
        assertThat(r.keywords()).isEqualTo("0x8020000000000000");
        assertThat(r.timeCreated()).isEqualTo(Instant.parse("2024-05-01T12:00:03.1234567Z"));
        assertThat(r.recordId()).isEqualTo(99);
        assertThat(r.processId()).isEqualTo(640L);
        assertThat(r.threadId()).isEqualTo(712L);
        assertThat(r.userSid()).isEqualTo("S-1-5-18");
        assertThat(r.channel()).isEqualTo("Security");
        assertThat(r.message()).isEqualTo("Logged on.\r\nSubject:");
        assertThat(r.eventData()).isEmpty();
    }

    /** One malformed event between two good ones, and what its dead letter must say. */
    record Bad(String label, String xml, String reason) {}

    static final List<Bad> MALFORMED =
            List.of(
                    new Bad(
                            "unclosed start tag",
                            event(2, "<Data Name='A'x</Data>"),
                            "unexpected character in the start tag; expected a space, '>' or '/>'"),
                    new Bad(
                            "unclosed element",
                            event(2, "<Data Name='A'>x"),
                            "the end tag </EventData> does not match the start tag <Data>;"
                                    + " expected </Data>"),
                    new Bad(
                            "mismatched end tag",
                            event(2, "<Data Name='A'>x</Dta>"),
                            "the end tag </Dta> does not match the start tag <Data>"),
                    new Bad(
                            "undeclared entity",
                            event(2, "<Data Name='A'>&nbsp;</Data>"),
                            "an undeclared entity reference '&nbsp;'; expected &lt; &gt; &amp;"),
                    new Bad(
                            "bare ampersand",
                            event(2, "<Data Name='A'>a & b</Data>"),
                            "an undeclared entity reference"),
                    new Bad(
                            "reference to a control character",
                            event(2, "<Data Name='A'>&#1;</Data>"),
                            "a reference to U+0001, which XML does not allow"),
                    new Bad(
                            "raw control character",
                            event(2, "<Data Name='A'>a\u0001b</Data>"),
                            "the character U+0001, which XML does not allow"),
                    new Bad(
                            "unquoted attribute",
                            event(2, "<Data Name=A>x</Data>"),
                            "an unquoted attribute value; expected ' or \""),
                    new Bad(
                            "'<' in an attribute value",
                            event(2, "<Data Name='a<b'>x</Data>"),
                            "'<' in an attribute value; expected &lt;"),
                    new Bad(
                            "duplicate attribute",
                            event(2, "<Data Name='A' Name='B'>x</Data>"),
                            "the attribute Name appears twice"),
                    new Bad(
                            "undeclared prefix",
                            event(2, "<Data Name='A'><s:Envelope/></Data>"),
                            "the element s:Envelope has the undeclared prefix s; expected an"
                                    + " xmlns:s declaration"),
                    new Bad(
                            "double hyphen in a comment",
                            event(2, "<!-- a -- b -->"),
                            "'--' inside a comment; expected '-->'"),
                    new Bad(
                            "unclosed CDATA",
                            event(2, "<Data Name='A'><![CDATA[x</Data>"),
                            "the CDATA section is not closed; expected ']]>'"),
                    new Bad(
                            "']]>' in text",
                            event(2, "<Data Name='A'>a]]>b</Data>"),
                            "']]>' in text"));

    @Test
    void eachMalformedEventIsOneDeadLetterAndReadingGoesOn() throws Exception {
        String good1 = event(1, "<Data Name='A'>1</Data>");
        String good3 = event(3, "<Data Name='A'>3</Data>");
        for (Bad bad : MALFORMED) {
            String xml = good1 + "\n" + bad.xml() + "\n" + good3 + "\n";
            Records.Result r = Records.readAll(FORMAT, Records.text("bad.xml", xml));
            assertThat(r.all()).as(bad.label()).hasSize(3);
            assertThat(r.events())
                    .as(bad.label())
                    .extracting(e -> e.get(Ecs.WINLOG_RECORD_ID))
                    .containsExactly(1L, 3L);
            DeadLetter d = r.dead().get(0);
            assertThat(d.reason())
                    .as(bad.label())
                    .startsWith("Malformed event XML: ")
                    .contains(bad.reason())
                    // where in the element, and where the element starts
                    .containsPattern("at line 1, column \\d+ of the element, byte \\d+")
                    .endsWith("(event starting at line 2)");
            assertThat(d.position()).as(bad.label()).isEqualTo(good1.length() + 1);
            assertThat(d.line()).isEqualTo(2);
            assertThat(new String(d.raw(), StandardCharsets.UTF_8)).isEqualTo(bad.xml());
        }
    }

    @Test
    void errorPositionIsLineAndColumnInTheElement() {
        String xml = event(2, "\n<Data Name='A'>\n  &bogus;</Data>");
        assertThatThrownBy(() -> parse(xml))
                .hasMessageContaining("'&bogus;'")
                // the reference starts on the element's third line, after two spaces
                .hasMessageContaining(
                        "at line 3, column 3 of the element, byte " + xml.indexOf('&'));
    }

    @Test
    void aStrayEndTagInsideTheEventIsReported() {
        assertThatThrownBy(() -> parse(event(2, "</Data>")))
                .hasMessageContaining(
                        "the end tag </Data> does not match the start tag <EventData>");
    }

    @Test
    void theRootMustBeAnEvent() {
        assertThatThrownBy(() -> parse("<Other xmlns='" + NS + "'><System/></Other>"))
                .hasMessage("The root element is <Other>; expected <Event>.");
    }

    @Test
    void contentAfterTheRootElement() throws Exception {
        // blanks, comments and processing instructions may follow the root; elements may not
        String ok = event(1, "") + " <!-- c --> <?pi x?>\n";
        assertThat(parse(ok).recordId()).isEqualTo(1);
        assertThatThrownBy(() -> parse(event(1, "") + "<Extra/>"))
                .hasMessageContaining("an element after </Event>");
        assertThatThrownBy(() -> parse(event(1, "") + "text"))
                .hasMessageContaining("text outside the <Event> element");
    }

    @Test
    void anEventCutShortIsReported() {
        String xml = event(1, "<Data Name='A'>1</Data>");
        String cut = xml.substring(0, xml.indexOf("</Data>"));
        assertThatThrownBy(() -> parse(cut))
                .hasMessageContaining("the event ends inside <Data>; expected its end tag");
        String cutInTag = xml.substring(0, xml.indexOf("Name='A'") + 6);
        assertThatThrownBy(() -> parse(cutInTag))
                .hasMessageContaining("the attribute value is not closed; expected '");
    }

    @Test
    void anXmlDeclarationInsideTheEventIsRefused() {
        assertThatThrownBy(() -> parse(event(1, "<?xml version='1.0'?>")))
                .hasMessageContaining("an XML declaration inside the event");
    }
}
