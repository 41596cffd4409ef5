package dev.runtrail.sampledata.windows;

import dev.runtrail.sampledata.world.WindowsHost;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * {@code wevtutil qe Security /f:xml /e:Events} output: an {@code Events} root, one {@code <Event
 * xmlns='...'>} per line with single-quoted attributes, System header then EventData {@code <Data
 * Name='...'>} (or UserData for 1102).
 */
public final class WevtutilXmlWriter implements EventFileWriter {
    private final Writer out;
    private final WindowsHost host;
    private final String activityId;
    private final int lsassPid;
    private final int eventlogPid;
    private final StringBuilder line = new StringBuilder(2048);

    public WevtutilXmlWriter(
            Path file, WindowsHost host, String activityId, int lsassPid, int eventlogPid)
            throws IOException {
        this.out =
                new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
        this.host = host;
        this.activityId = activityId;
        this.lsassPid = lsassPid;
        this.eventlogPid = eventlogPid;
        out.write("<Events>\n");
    }

    @Override
    public void write(long recordId, int threadId, WinEvent event) throws IOException {
        EventKind kind = EventKind.of(event.eventId());
        StringBuilder b = line;
        b.setLength(0);
        b.append("<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>");
        b.append("<Provider Name='").append(kind.providerName()).append("' Guid='");
        b.append(kind.providerGuid()).append("'/>");
        b.append("<EventID>").append(kind.eventId()).append("</EventID>");
        b.append("<Version>").append(event.version()).append("</Version>");
        b.append("<Level>").append(kind.level()).append("</Level>");
        b.append("<Task>").append(kind.task()).append("</Task>");
        b.append("<Opcode>0</Opcode>");
        b.append("<Keywords>").append(kind.keywords()).append("</Keywords>");
        b.append("<TimeCreated SystemTime='").append(systemTime(event.time())).append("'/>");
        b.append("<EventRecordID>").append(recordId).append("</EventRecordID>");
        if (kind.eventlogProvider()) {
            b.append("<Correlation/>");
        } else {
            b.append("<Correlation ActivityID='").append(activityId).append("'/>");
        }
        int pid = kind.eventlogProvider() ? eventlogPid : lsassPid;
        b.append("<Execution ProcessID='").append(pid).append("' ThreadID='").append(threadId);
        b.append("'/>");
        b.append("<Channel>Security</Channel>");
        b.append("<Computer>").append(host.fqdn()).append("</Computer>");
        b.append("<Security/></System>");
        if (kind.userData()) {
            b.append("<UserData><LogFileCleared xmlns='http://manifests.microsoft.com/win/2004/08/")
                    .append("windows/eventlog'>");
            for (Map.Entry<String, String> field : event.data().entrySet()) {
                b.append('<').append(field.getKey()).append('>');
                escape(b, field.getValue());
                b.append("</").append(field.getKey()).append('>');
            }
            b.append("</LogFileCleared></UserData>");
        } else {
            b.append("<EventData>");
            for (Map.Entry<String, String> field : event.data().entrySet()) {
                b.append("<Data Name='").append(field.getKey()).append("'>");
                escape(b, field.getValue());
                b.append("</Data>");
            }
            b.append("</EventData>");
        }
        b.append("</Event>\n");
        out.append(b);
    }

    /**
     * {@code 2024-05-01T12:00:03.1234567Z}: seven fractional digits, as Windows renders FILETIME.
     */
    public static String systemTime(Instant time) {
        String base = time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        String noZ = base.substring(0, base.length() - 1);
        long hundreds = time.getNano() / 100;
        return noZ + "." + String.format("%07d", hundreds) + "Z";
    }

    private static void escape(StringBuilder b, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                default -> b.append(c);
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.write("</Events>\n");
        out.close();
    }
}
