package dev.runtrail.ingest.proxy;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.SourceRef;
import java.time.Instant;

/**
 * Squid's native access.log: {@code time elapsed remotehost code/status bytes method URL rfc931
 * peerstatus/peerhost type}, columns separated by one or more spaces. {@code time} is Unix seconds
 * with milliseconds, {@code elapsed} milliseconds; the rfc931 column carries the authenticated
 * proxy user ({@code -} when none).
 */
public final class SquidFormat extends ProxyTextFormat {
    /** Format name. */
    public static final String NAME = "squid";

    /** Dataset of its events. */
    public static final String DATASET = "proxy.squid";

    /** {@code squid.result_code}: Squid's cache result, e.g. {@code TCP_MISS}. */
    public static final String RESULT_CODE = "squid.result_code";

    /** {@code squid.hierarchy_code}: how the upstream was chosen, e.g. {@code DIRECT}. */
    public static final String HIERARCHY_CODE = "squid.hierarchy_code";

    public SquidFormat() {
        super(NAME, DATASET, "squid");
    }

    @Override
    ProxyLineParser parser(SourceRef source) {
        return ProxyLineParser.of(source, NAME, SquidFormat::read);
    }

    static String read(EcsDocument doc, String line) {
        Cursor c = new Cursor(line);
        String time = c.token();
        String elapsed = c.token();
        String remote = c.token();
        String codeStatus = c.token();
        String bytes = c.token();
        String method = c.token();
        String url = c.token();
        String user = c.token();
        String peer = c.token();
        String type = c.token();
        if (type == null || c.token() != null) {
            return "expected 10 space-separated columns 'time elapsed remotehost code/status bytes"
                    + " method URL user peerstatus/peerhost type', found '"
                    + ProxyLineParser.excerpt(line)
                    + "'.";
        }
        Instant at = AccessTimes.epochSecondsFraction(time);
        long ms = AccessTimes.parseLong(elapsed);
        long size = AccessTimes.parseLong(bytes);
        int slash = codeStatus.indexOf('/');
        long status = slash < 0 ? -1 : AccessTimes.parseLong(codeStatus.substring(slash + 1));
        if (at == null || ms < 0 || size < 0 || status < 0) {
            return "time '"
                    + time
                    + "' must be epoch seconds, elapsed '"
                    + elapsed
                    + "' and bytes '"
                    + bytes
                    + "' numbers, and '"
                    + codeStatus
                    + "' CODE/STATUS.";
        }
        doc.put(Ecs.TIMESTAMP, at);
        ProxyFields.classify(doc);
        doc.put(Ecs.EVENT_DURATION, ms * 1_000_000L);
        ProxyFields.client(doc, remote);
        doc.put(RESULT_CODE, codeStatus.substring(0, slash));
        doc.put(Ecs.EVENT_ACTION, codeStatus.substring(0, slash));
        ProxyFields.status(doc, status);
        if (codeStatus.startsWith("TCP_DENIED") || codeStatus.startsWith("UDP_DENIED")) {
            doc.put(Ecs.EVENT_OUTCOME, "failure");
        }
        doc.put(Ecs.HTTP_RESPONSE_BYTES, size);
        doc.put(Ecs.HTTP_REQUEST_METHOD, method);
        ProxyFields.target(doc, url);
        // Squid URL-escapes the user column (a Windows DOMAIN\\user is logged as DOMAIN%5Cuser)
        ProxyFields.user(doc, Urls.decode(user));
        int peerSlash = peer.indexOf('/');
        if (peerSlash > 0) {
            doc.put(HIERARCHY_CODE, peer.substring(0, peerSlash));
            String peerHost = peer.substring(peerSlash + 1);
            if (Ips.isIp(peerHost)) {
                doc.put(Ecs.DESTINATION_IP, peerHost);
                doc.add(Ecs.RELATED_IP, peerHost);
            } else if (!peerHost.equals("-")) {
                doc.put(Ecs.DESTINATION_DOMAIN, peerHost);
            }
        }
        if (!type.equals("-")) {
            doc.put("http.response.mime_type", type);
        }
        ProxyFields.airflow(doc);
        return null;
    }
}
