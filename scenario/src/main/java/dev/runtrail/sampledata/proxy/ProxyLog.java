package dev.runtrail.sampledata.proxy;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * oauth2-proxy v7 standard output: request lines ({@code <client> - <request id> - <user> [time]
 * <host> <method> <upstream> "<uri>" <proto> "<ua>" <status> <size> <duration>}) and {@code
 * [AuthSuccess]} lines, in time order.
 */
public final class ProxyLog implements Closeable {
    /** The public name of the Airflow UI behind the proxy. */
    public static final String HOST = "airflow.corp.example.com";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("'['yyyy/MM/dd HH:mm:ss']'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SESSION_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS").withZone(ZoneOffset.UTC);

    private record Pending(Instant time, long seq, String line) {}

    private final PriorityQueue<Pending> pending =
            new PriorityQueue<>(
                    (a, b) -> {
                        int c = a.time().compareTo(b.time());
                        return c != 0 ? c : Long.compare(a.seq(), b.seq());
                    });
    private final Writer out;
    private long seq;
    private long written;

    public ProxyLog(Path file) throws IOException {
        out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    }

    /** A request; {@code user} null when unauthenticated, {@code upstream} "-" when not proxied. */
    public void request(
            Instant time,
            String client,
            String requestId,
            String user,
            String method,
            String upstream,
            String uri,
            String userAgent,
            int status,
            int size,
            double seconds) {
        String line =
                client
                        + " - "
                        + requestId
                        + " - "
                        + (user == null ? "-" : user)
                        + " "
                        + TIME.format(time)
                        + " "
                        + HOST
                        + " "
                        + method
                        + " "
                        + upstream
                        + " \""
                        + uri
                        + "\" HTTP/1.1 \""
                        + userAgent
                        + "\" "
                        + status
                        + " "
                        + size
                        + " "
                        + String.format(Locale.ROOT, "%.3f", seconds);
        pending.add(new Pending(time, seq++, line));
    }

    /** The line oauth2-proxy writes when a login completes. */
    public void authSuccess(
            Instant time, String client, String requestId, String email, String preferredUsername) {
        String line =
                client
                        + " - "
                        + requestId
                        + " - "
                        + email
                        + " "
                        + TIME.format(time)
                        + " [AuthSuccess] Authenticated via OAuth2: Session{email:"
                        + email
                        + " user:"
                        + preferredUsername
                        + " PreferredUsername:"
                        + preferredUsername
                        + " token:true id_token:true created:"
                        + SESSION_TIME.format(time)
                        + " +0000 UTC expires:"
                        + SESSION_TIME.format(time.plusSeconds(12 * 3600))
                        + " +0000 UTC groups:[airflow-users]}";
        pending.add(new Pending(time, seq++, line));
    }

    public void flushBefore(Instant watermark) throws IOException {
        while (!pending.isEmpty() && pending.peek().time().isBefore(watermark)) {
            writeNext();
        }
    }

    private void writeNext() throws IOException {
        out.write(pending.poll().line());
        out.write('\n');
        written++;
    }

    public long written() {
        return written;
    }

    @Override
    public void close() throws IOException {
        while (!pending.isEmpty()) {
            writeNext();
        }
        out.close();
    }
}
