package dev.runtrail.ingest.proxy;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.SourceRef;
import java.time.Instant;

/**
 * Parses one oauth2-proxy log line.
 *
 * <p>Records:
 *
 * <ul>
 *   <li>request: {@code CLIENT - REQID - USER [TIME] HOST METHOD UPSTREAM "URI" PROTO "UA" STATUS
 *       BYTES DURATION}; without {@code REQID - } in v5/v6 and the legacy bitly layout;
 *   <li>auth: {@code CLIENT - [REQID - ]USER [TIME] [AuthSuccess|AuthFailure|AuthError] MESSAGE};
 *   <li>standard: {@code [2024/02/02 12:40:12] [file.go:219] MESSAGE} and the legacy {@code
 *       2017/04/18 09:51:10 file.go:478: MESSAGE};
 *   <li>any of these behind a Heroku log-drain prefix ({@code 2017-12-07T11:48:59.659576+00:00
 *       app[web.1]: }), which is how Heroku delivers an app's stdout; the prefix is dropped and the
 *       line tagged {@code heroku}.
 * </ul>
 *
 * <p>Dead letters: anything else, including a line that starts with a markdown blockquote {@code >
 * } (text pasted into an issue, not something oauth2-proxy writes) and lines whose time is not a
 * time (the project's logger tests print {@code [TIMELESS]}): an event without its time cannot be
 * placed on the audit timeline.
 *
 * <p>TIME is {@code yyyy/MM/dd HH:mm:ss} in the proxy's local zone (UTC in its images; the zone
 * offset is a constructor argument) or {@code dd/MMM/yyyy:HH:mm:ss Z} (legacy, with offset).
 */
final class OAuth2ProxyLineParser extends ProxyLineParser {
    /** {@code oauth2_proxy.upstream}: the upstream the request was proxied to. */
    static final String UPSTREAM = "oauth2_proxy.upstream";

    private final int offsetSeconds;

    OAuth2ProxyLineParser(SourceRef source, String format, int offsetSeconds) {
        super(source, format);
        this.offsetSeconds = offsetSeconds;
    }

    @Override
    String fill(EcsDocument doc, String line) {
        int start = herokuPrefixEnd(line);
        if (start > 0) {
            doc.add(Ecs.TAGS, "heroku");
        }
        if (line.startsWith("> ", start)) {
            return "starts with a markdown blockquote '> ', which oauth2-proxy never writes;"
                    + " expected a request, auth or standard log line.";
        }
        if (start < line.length() && line.charAt(start) == '[') {
            return standard(doc, line, start);
        }
        if (start + 19 < line.length()
                && Character.isDigit(line.charAt(start))
                && line.charAt(start + 4) == '/'
                && line.charAt(start + 10) == ' ') {
            return legacyStandard(doc, line, start);
        }
        return access(doc, new Cursor(line, start), line);
    }

    private String access(EcsDocument doc, Cursor c, String line) {
        String client = c.token();
        if (client == null || !c.skip(" - ")) {
            return "expected 'CLIENT - ' at the start of a request or auth line, found '"
                    + excerpt(line)
                    + "'.";
        }
        String first = c.token();
        String requestId = null;
        String user = first;
        c.skipSpaces();
        if (c.peek() == '-' && !c.lookingAt("-[")) {
            // v7: REQID - USER
            c.skip("-");
            requestId = first;
            user = c.token();
        }
        String time = c.bracketed();
        if (user == null || time == null) {
            return "expected 'CLIENT - [REQID - ]USER [TIME]', found '" + excerpt(line) + "'.";
        }
        Instant at = time(time);
        if (at == null) {
            return "time '["
                    + time
                    + "]' is not 'yyyy/MM/dd HH:mm:ss' nor 'dd/MMM/yyyy:HH:mm:ss Z'.";
        }
        doc.put(Ecs.TIMESTAMP, at);
        ProxyFields.client(doc, client);
        ProxyFields.user(doc, user);
        if (requestId != null && !requestId.equals("-")) {
            doc.put(Ecs.HTTP_REQUEST_ID, requestId);
        }
        c.skipSpaces();
        if (c.peek() == '[') {
            return auth(doc, c);
        }
        return request(doc, c, line);
    }

    private static String auth(EcsDocument doc, Cursor c) {
        String status = c.bracketed();
        if (status == null) {
            return "auth status '[' is not closed by ']'; expected [AuthSuccess], [AuthFailure]"
                    + " or [AuthError].";
        }
        String action;
        String outcome;
        switch (status) {
            case "AuthSuccess" -> {
                action = "auth-success";
                outcome = "success";
            }
            case "AuthFailure" -> {
                action = "auth-failure";
                outcome = "failure";
            }
            case "AuthError" -> {
                action = "auth-error";
                outcome = "failure";
            }
            default -> {
                return "auth status '["
                        + status
                        + "]' is not [AuthSuccess], [AuthFailure] or [AuthError].";
            }
        }
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.EVENT_CATEGORY, "authentication");
        doc.put(Ecs.EVENT_ACTION, action);
        doc.put(Ecs.EVENT_OUTCOME, outcome);
        doc.put(Ecs.MESSAGE, c.rest());
        return null;
    }

    private static String request(EcsDocument doc, Cursor c, String line) {
        String host = c.token();
        String method = c.token();
        String upstream = c.token();
        String uri = c.quoted();
        String proto = c.token();
        String agent = c.quoted();
        String status = c.token();
        String bytes = c.token();
        String duration = c.token();
        if (duration == null || agent == null || uri == null) {
            return "expected 'HOST METHOD UPSTREAM \"URI\" PROTO \"USER-AGENT\" STATUS BYTES"
                    + " DURATION' after the time, found '"
                    + excerpt(line)
                    + "'.";
        }
        if (!c.atEnd() && !c.rest().isEmpty()) {
            return "unexpected text after the duration of a request line.";
        }
        long code = AccessTimes.parseLong(status);
        long size = AccessTimes.parseLong(bytes);
        long nanos = AccessTimes.secondsToNanos(duration);
        if (code < 0 || size < 0 || nanos < 0) {
            return "status '"
                    + status
                    + "', bytes '"
                    + bytes
                    + "' and duration '"
                    + duration
                    + "' must be numbers.";
        }
        ProxyFields.classify(doc);
        doc.put(Ecs.URL_DOMAIN, stripPort(host));
        doc.put(Ecs.HTTP_REQUEST_METHOD, method);
        if (!upstream.equals("-")) {
            doc.put(UPSTREAM, upstream);
        }
        ProxyFields.target(doc, uri);
        ProxyFields.protocol(doc, proto);
        doc.put(Ecs.USER_AGENT_ORIGINAL, agent);
        ProxyFields.status(doc, code);
        doc.put(Ecs.HTTP_RESPONSE_BYTES, size);
        doc.put(Ecs.EVENT_DURATION, nanos);
        ProxyFields.airflow(doc);
        return null;
    }

    /** {@code [TIME] [file.go:123] message}. */
    private String standard(EcsDocument doc, String line, int start) {
        Cursor c = new Cursor(line, start);
        String time = c.bracketed();
        Instant at = time == null ? null : AccessTimes.goLog(time, offsetSeconds);
        if (at == null) {
            return "expected a standard line '[yyyy/MM/dd HH:mm:ss] [file.go:line] message',"
                    + " found '"
                    + excerpt(line)
                    + "'.";
        }
        String origin = c.bracketed();
        if (origin == null || !origin(doc, origin)) {
            return "expected '[file.go:line]' after the time of a standard line.";
        }
        doc.put(Ecs.TIMESTAMP, at);
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.MESSAGE, c.rest());
        return null;
    }

    /** Go's default logger: {@code 2017/04/18 09:51:10 file.go:478: message}. */
    private String legacyStandard(EcsDocument doc, String line, int start) {
        Instant at = AccessTimes.goLog(line.substring(start, start + 19), offsetSeconds);
        Cursor c = new Cursor(line, start + 19);
        String origin = c.token();
        if (at == null
                || origin == null
                || !origin.endsWith(":")
                || !origin(doc, origin.substring(0, origin.length() - 1))) {
            return "expected a legacy standard line 'yyyy/MM/dd HH:mm:ss file.go:line: message',"
                    + " found '"
                    + excerpt(line)
                    + "'.";
        }
        doc.put(Ecs.TIMESTAMP, at);
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.MESSAGE, c.rest());
        return null;
    }

    private static boolean origin(EcsDocument doc, String origin) {
        int colon = origin.lastIndexOf(':');
        if (colon <= 0) {
            return false;
        }
        long lineNo = AccessTimes.parseLong(origin.substring(colon + 1));
        if (lineNo < 0 || !origin.substring(0, colon).endsWith(".go")) {
            return false;
        }
        doc.put(Ecs.LOG_ORIGIN_FILE_NAME, origin.substring(0, colon));
        doc.put(Ecs.LOG_ORIGIN_FILE_LINE, lineNo);
        return true;
    }

    private Instant time(String t) {
        Instant at = AccessTimes.goLog(t, offsetSeconds);
        return at != null ? at : AccessTimes.clf(t);
    }

    /**
     * End of a Heroku log-drain prefix {@code <RFC3339 time> app[<dyno>]: }, or 0 when the line has
     * none.
     */
    static int herokuPrefixEnd(String line) {
        if (line.length() < 30
                || !Character.isDigit(line.charAt(0))
                || line.charAt(4) != '-'
                || line.charAt(10) != 'T') {
            return 0;
        }
        int space = line.indexOf(' ');
        if (space < 0 || !line.startsWith("app[", space + 1)) {
            return 0;
        }
        int close = line.indexOf("]: ", space + 5);
        return close < 0 ? 0 : close + 3;
    }

    private static String stripPort(String host) {
        if (host == null || host.equals("-")) {
            return null;
        }
        int colon = host.lastIndexOf(':');
        return colon > 0 && host.indexOf(':') == colon ? host.substring(0, colon) : host;
    }
}
