package dev.runtrail.cli.bench;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * oauth2-proxy v7 request lines for the latency harness. The sequence number travels in the
 * response-size column, which the parser maps to the numeric {@code http.response.body.bytes}, so
 * the harness can search for the records it has not yet seen with a range query.
 */
final class ProxyLines {
    static final String FORMAT = "oauth2-proxy";
    static final String SEQUENCE_FIELD = "http.response.body.bytes";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ProxyLines() {}

    /** One request line stamped with the produce time (the proxy logs whole seconds). */
    static String line(long sequence, Instant now) {
        return "10.20.3.28 - bench-"
                + sequence
                + " - bench.user@corp.example.com ["
                + TIME.format(now)
                + "] airflow.corp.example.com GET / \"/home\" HTTP/1.1 \"runtrail-bench\" 200 "
                + sequence
                + " 0.001";
    }
}
