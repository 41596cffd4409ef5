package dev.runtrail.ingest.proxy;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.SourceRef;
import java.time.Instant;

/**
 * nginx {@code combined} access log, optionally with a leading virtual-host field ({@code $host
 * combined}) and with the trailing {@code "$http_x_forwarded_for"} of nginx's stock {@code main}
 * format: {@code [VHOST ]REMOTE - USER [TIME] "REQUEST" STATUS BYTES "REFERER" "UA"[ "XFF"]}.
 */
public final class NginxCombinedFormat extends ProxyTextFormat {
    /** Format name. */
    public static final String NAME = "nginx-combined";

    /** Dataset of nginx events. */
    public static final String DATASET = "proxy.nginx";

    public NginxCombinedFormat() {
        super(NAME, DATASET, "nginx");
    }

    @Override
    ProxyLineParser parser(SourceRef source) {
        return ProxyLineParser.of(source, NAME, NginxCombinedFormat::read);
    }

    static String read(EcsDocument doc, String line) {
        Cursor c = new Cursor(line);
        String t1 = c.token();
        String t2 = c.token();
        String vhost = null;
        String remote;
        if ("-".equals(t2)) {
            remote = t1;
        } else {
            vhost = t1;
            remote = t2;
            if (!"-".equals(c.token())) {
                return "expected '[VHOST ]REMOTE - USER [TIME]', found '"
                        + ProxyLineParser.excerpt(line)
                        + "'.";
            }
        }
        String user = c.token();
        String time = c.bracketed();
        if (remote == null || user == null || time == null) {
            return "expected '[VHOST ]REMOTE - USER [TIME]', found '"
                    + ProxyLineParser.excerpt(line)
                    + "'.";
        }
        Instant at = AccessTimes.clf(time);
        if (at == null) {
            return "time '[" + time + "]' is not 'dd/MMM/yyyy:HH:mm:ss Z'.";
        }
        String request = c.quoted();
        String status = c.token();
        String bytes = c.token();
        String referrer = c.quoted();
        String agent = c.quoted();
        if (request == null || agent == null) {
            return "expected '\"REQUEST\" STATUS BYTES \"REFERER\" \"USER-AGENT\"' after the"
                    + " time, found '"
                    + ProxyLineParser.excerpt(line)
                    + "'.";
        }
        long code = AccessTimes.parseLong(status);
        long size = AccessTimes.parseLong(bytes);
        if (code < 0 || size < 0) {
            return "status '" + status + "' and bytes '" + bytes + "' must be numbers.";
        }
        String forwardedFor = null;
        c.skipSpaces();
        if (c.peek() == '"') {
            forwardedFor = c.quoted();
        }
        doc.put(Ecs.TIMESTAMP, at);
        ProxyFields.classify(doc);
        if (vhost != null && !vhost.equals("-")) {
            doc.put(Ecs.URL_DOMAIN, vhost);
        }
        ProxyFields.client(doc, remote, forwardedFor);
        ProxyFields.user(doc, user);
        requestLine(doc, request);
        ProxyFields.status(doc, code);
        doc.put(Ecs.HTTP_RESPONSE_BYTES, size);
        if (!"-".equals(referrer)) {
            doc.put(ProxyFields.HTTP_REFERRER, referrer);
        }
        if (!"-".equals(agent)) {
            doc.put(Ecs.USER_AGENT_ORIGINAL, agent);
        }
        ProxyFields.airflow(doc);
        return null;
    }

    /**
     * {@code METHOD TARGET PROTOCOL}. nginx logs whatever the client sent, so a request line of
     * another shape (a TLS handshake sent to a plain port, {@code -}) stays an access event with
     * the raw text in {@code url.original} and the tag {@code invalid_request_line}.
     */
    static void requestLine(EcsDocument doc, String request) {
        int first = request.indexOf(' ');
        int last = request.lastIndexOf(' ');
        if (first > 0 && last > first && request.startsWith("HTTP/", last + 1)) {
            doc.put(Ecs.HTTP_REQUEST_METHOD, request.substring(0, first));
            ProxyFields.target(doc, request.substring(first + 1, last));
            ProxyFields.protocol(doc, request.substring(last + 1));
        } else if (!request.equals("-") && !request.isEmpty()) {
            doc.put(Ecs.URL_ORIGINAL, request);
            doc.add(Ecs.TAGS, "invalid_request_line");
        }
    }
}
