package dev.runtrail.ingest.windows.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.windows.Records;
import dev.runtrail.ingest.windows.WindowsRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scanner against an independent reference, the JDK's StAX parser ({@link StaxEventParser}, the
 * parser it replaced): on every event of every Windows XML sample, and on the malformed fixtures,
 * both accept or both refuse, and accepted events give equal records with fields in the same order.
 */
class ScannerAgreesWithStaxTest {

    @Test
    void everySampleEvent() throws Exception {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("xml", "reference")) {
            Path dir = Records.samples(folder);
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.xml*")) {
                ds.forEach(files::add);
            }
        }
        assertThat(files).hasSizeGreaterThan(20);
        int events = 0;
        int refused = 0;
        for (Path file : files) {
            for (byte[] event : events(file)) {
                events++;
                if (!agree(file + " @" + events, event)) {
                    refused++;
                }
            }
        }
        // the samples hold thousands of events, a few hundred of them malformed (LiveId
        // envelopes with undeclared prefixes, control characters in DNS names)
        assertThat(events).isGreaterThan(10_000);
        assertThat(refused).isGreaterThan(100).isLessThan(events / 10);
    }

    @Test
    void malformedFixtures() throws Exception {
        for (EventXmlScannerTest.Bad bad : EventXmlScannerTest.MALFORMED) {
            boolean accepted = agree(bad.label(), bad.xml().getBytes(StandardCharsets.UTF_8));
            assertThat(accepted).as(bad.label()).isFalse();
        }
    }

    @Test
    void wellFormedFixtures() throws Exception {
        String data =
                "<Data Name='A'>a &amp; b &#x20AC;</Data><Data>x<!-- c -->y</Data>"
                        + "<Data Name='B'><![CDATA[<z>]]>\r\n</Data><Data Name=\"C\t D\"/>";
        assertThat(agree("fixture", EventXmlScannerTest.event(1, data).getBytes())).isTrue();
    }

    /** Whether both parsers accept the event; fails the test when they disagree. */
    private static boolean agree(String what, byte[] event) throws Exception {
        WindowsRecord ours;
        String ourError = null;
        try {
            ours = new EventXmlScanner().parse(event, 0, event.length);
        } catch (BadEventException e) {
            ours = null;
            ourError = e.getMessage();
        }
        WindowsRecord theirs;
        String theirError = null;
        try {
            theirs = new StaxEventParser().parse(new String(event, StandardCharsets.UTF_8));
        } catch (BadEventException e) {
            theirs = null;
            theirError = e.getMessage();
        }
        assertThat(ourError == null)
                .as("%s: scanner says %s, StAX says %s", what, ourError, theirError)
                .isEqualTo(theirError == null);
        if (ours == null) {
            return false;
        }
        assertThat(ours).as(what).isEqualTo(theirs);
        assertThat(List.copyOf(ours.eventData().keySet()))
                .as(what)
                .isEqualTo(List.copyOf(theirs.eventData().keySet()));
        return true;
    }

    /** The whole, UTF-8-valid event elements of a sample file. */
    private static List<byte[]> events(Path file) throws IOException {
        List<byte[]> out = new ArrayList<>();
        try (EventSplitter splitter =
                new EventSplitter(InputSource.of(file).open(), WindowsXmlReader.MAX_EVENT_BYTES)) {
            EventChunk c;
            while ((c = splitter.next()) != null) {
                if (c.problem == null
                        && !c.truncated()
                        && Utf8Check.firstInvalid(c.buffer, c.from, c.from + c.kept) < 0) {
                    out.add(c.bytes());
                }
            }
        }
        return out;
    }
}
