package dev.runtrail.ingest.windows.xml;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordBoundary;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Windows event XML: {@code wevtutil qe LOG /f:xml} (a bare stream of {@code <Event>} elements),
 * {@code Get-WinEvent | % ToXml} (one per line or concatenated) and Event Viewer "Save as XML"
 * ({@code <Events>} root, byte order mark), rendered ({@code <RenderingInfo>}) or not.
 */
public final class WindowsXmlFormat implements Format {
    /** Namespace every Windows event element declares. */
    private static final String EVENT_NS = "schemas.microsoft.com/win/2004/08/events/event";

    @Override
    public String name() {
        return "windows-xml";
    }

    @Override
    public String dataset() {
        return WindowsEventMapper.SECURITY_DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        // ASCII markers in UTF-8 text (InputSource transcodes UTF-16 exports before anything
        // reads them): searched in the bytes, without a decoded copy
        boolean event = contains(head, EVENT_SPACE) || contains(head, EVENT_CLOSE);
        return score(fileName, event, event && contains(head, EVENT_NS_BYTES));
    }

    private static int score(String fileName, boolean event, boolean namespace) {
        if (namespace) {
            return 95;
        }
        if (event && fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".xml")) {
            return 70;
        }
        return 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return new WindowsXmlReader(input, name(), dataset(), WindowsXmlReader.MAX_EVENT_BYTES);
    }

    /**
     * Event elements can be found from anywhere in UTF-8 text (a UTF-16 export is transcoded from
     * its start and never cut, see {@code FileRanges}).
     */
    @Override
    public RecordBoundary boundary(byte[] head) {
        return RecordBoundary.XML_EVENT;
    }

    private static final byte[] EVENT_SPACE = ascii("<Event ");
    private static final byte[] EVENT_CLOSE = ascii("<Event>");
    private static final byte[] EVENT_NS_BYTES = ascii(EVENT_NS);

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static boolean contains(byte[] head, byte[] needle) {
        int last = head.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (head[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (head[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
