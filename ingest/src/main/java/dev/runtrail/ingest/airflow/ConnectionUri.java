package dev.runtrail.ingest.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Airflow connection URIs ({@code type://login:password@host:port/schema?key=value}, as {@code
 * Connection.get_uri} writes them): every part is percent-encoded, the scheme is the conn type with
 * {@code _} written as {@code -}, and the extra is either one query parameter per key or a JSON
 * object in the single parameter {@code __extra__}. A hand-written splitter, because {@link
 * java.net.URI} rejects what Airflow writes for some hosts and logins and would hide the offsets
 * needed for masking.
 */
final class ConnectionUri {
    private static final String EXTRA_PARAM = "__extra__";

    private ConnectionUri() {}

    /** Where the parts of a URI lie (end offsets exclusive; -1 when absent). */
    private record Parts(
            String scheme,
            int authorityStart,
            int userEnd,
            int passwordStart,
            int hostStart,
            int hostEnd,
            int portStart,
            int authorityEnd,
            int queryStart) {}

    private static Parts split(String uri) throws UnmappableRecord {
        int sep = uri.indexOf("://");
        if (sep <= 0) {
            throw new UnmappableRecord(
                    "expected an Airflow connection URI (type://login:password@host:port/schema)"
                            + " but found no 'type://'");
        }
        String scheme = uri.substring(0, sep);
        for (int i = 0; i < scheme.length(); i++) {
            char c = scheme.charAt(i);
            boolean ok =
                    c >= 'a' && c <= 'z'
                            || c >= 'A' && c <= 'Z'
                            || i > 0
                                    && (c >= '0' && c <= '9'
                                            || c == '-'
                                            || c == '_'
                                            || c == '+'
                                            || c == '.');
            if (!ok) {
                throw new UnmappableRecord(
                        "expected a URI scheme (the conn type) before '://' but it holds a '"
                                + c
                                + "'");
            }
        }
        int authorityStart = sep + 3;
        int q = uri.indexOf('?', authorityStart);
        int beforeQuery = q < 0 ? uri.length() : q;
        int slash = uri.indexOf('/', authorityStart);
        int authorityEnd = slash < 0 || slash > beforeQuery ? beforeQuery : slash;
        int at = uri.lastIndexOf('@', authorityEnd - 1);
        int userEnd = -1;
        int passwordStart = -1;
        int hostStart = authorityStart;
        if (at >= authorityStart) {
            hostStart = at + 1;
            int colon = uri.indexOf(':', authorityStart);
            if (colon >= 0 && colon < at) {
                userEnd = colon;
                passwordStart = colon + 1;
            } else {
                userEnd = at;
            }
        }
        int hostEnd;
        int portStart = -1;
        if (hostStart < authorityEnd && uri.charAt(hostStart) == '[') {
            int close = uri.indexOf(']', hostStart);
            if (close < 0 || close >= authorityEnd) {
                throw new UnmappableRecord("expected ']' after the IPv6 host of the URI");
            }
            hostEnd = close + 1;
            if (hostEnd < authorityEnd) {
                if (uri.charAt(hostEnd) != ':') {
                    throw new UnmappableRecord("expected ':port' after the IPv6 host of the URI");
                }
                portStart = hostEnd + 1;
            }
        } else {
            int colon = uri.lastIndexOf(':', authorityEnd - 1);
            if (colon >= hostStart) {
                hostEnd = colon;
                portStart = colon + 1;
            } else {
                hostEnd = authorityEnd;
            }
        }
        return new Parts(
                scheme,
                authorityStart,
                userEnd,
                passwordStart,
                hostStart,
                hostEnd,
                portStart,
                authorityEnd,
                q < 0 ? -1 : q + 1);
    }

    /** The connection a URI describes, without its password. */
    static Connection parse(String connId, String uri) throws UnmappableRecord {
        Parts p = split(uri);
        String login =
                p.userEnd() < 0
                        ? null
                        : decode(uri.substring(p.authorityStart(), p.userEnd()), false, "login");
        String host = decode(uri.substring(p.hostStart(), p.hostEnd()), false, "host");
        Long port = null;
        if (p.portStart() >= 0 && p.portStart() < p.authorityEnd()) {
            String digits = uri.substring(p.portStart(), p.authorityEnd());
            if (digits.length() > 5 || !digits.chars().allMatch(Character::isDigit)) {
                throw new UnmappableRecord(
                        "expected a port number after the host of the URI but found "
                                + digits.length()
                                + " characters that are not one");
            }
            port = Long.parseLong(digits);
        }
        int pathEnd = p.queryStart() < 0 ? uri.length() : p.queryStart() - 1;
        String schema =
                p.authorityEnd() < pathEnd
                        ? decode(uri.substring(p.authorityEnd() + 1, pathEnd), false, "schema")
                        : null;
        JsonNode extra = p.queryStart() < 0 ? null : extra(uri.substring(p.queryStart()));
        return new Connection(
                connId,
                p.scheme().replace('-', '_'),
                blankToNull(host),
                port,
                blankToNull(login),
                blankToNull(schema),
                null,
                extra,
                p.scheme());
    }

    private static JsonNode extra(String query) throws UnmappableRecord {
        ObjectNode params = JsonFields.MAPPER.createObjectNode();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq), true, "query");
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), true, "query");
            if (key.equals(EXTRA_PARAM)) {
                return TextNode.valueOf(value);
            }
            params.put(key, value);
        }
        return params.isEmpty() ? null : params;
    }

    /**
     * The URI with its password and every sensitive query value replaced by {@link
     * ConnectionSecrets#MASK}; an {@code __extra__} JSON is masked key by key (or whole when it is
     * not JSON). Call only on URIs that {@link #parse} accepted.
     */
    static String mask(String uri) throws UnmappableRecord {
        Parts p = split(uri);
        StringBuilder out = new StringBuilder(uri.length());
        if (p.passwordStart() >= 0 && p.passwordStart() < p.hostStart() - 1) {
            out.append(uri, 0, p.passwordStart()).append(ConnectionSecrets.MASK);
            out.append(uri, p.hostStart() - 1, p.queryStart() < 0 ? uri.length() : p.queryStart());
        } else {
            out.append(uri, 0, p.queryStart() < 0 ? uri.length() : p.queryStart());
        }
        if (p.queryStart() < 0) {
            return out.toString();
        }
        String[] pairs = uri.substring(p.queryStart()).split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            if (i > 0) {
                out.append('&');
            }
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (eq < 0) {
                out.append(pair);
                continue;
            }
            String key = decode(pair.substring(0, eq), true, "query");
            String value = pair.substring(eq + 1);
            out.append(pair, 0, eq + 1);
            if (key.equals(EXTRA_PARAM)) {
                ConnectionSecrets.MaskedExtra masked =
                        ConnectionSecrets.maskExtraText(decode(value, true, "query"));
                if (masked == null) {
                    out.append(ConnectionSecrets.MASK);
                } else if (masked.changed()) {
                    out.append(
                            URLEncoder.encode(
                                    ConnectionSecrets.json(masked.json()), StandardCharsets.UTF_8));
                } else {
                    out.append(value);
                }
            } else if (ConnectionSecrets.isSensitive(key) && !value.isEmpty()) {
                out.append(ConnectionSecrets.MASK);
            } else {
                out.append(value);
            }
        }
        return out.toString();
    }

    /**
     * Percent-decoding (UTF-8); in a query {@code +} is a space, as Python's parse_qsl reads it.
     */
    private static String decode(String s, boolean query, String part) throws UnmappableRecord {
        if (s.indexOf('%') < 0 && !(query && s.indexOf('+') >= 0)) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
                int lo = i + 2 < s.length() ? Character.digit(s.charAt(i + 2), 16) : -1;
                if (hi < 0 || lo < 0) {
                    throw new UnmappableRecord(
                            "expected '%' and two hex digits in the " + part + " of the URI");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (query && c == '+') {
                out.write(' ');
            } else {
                int cp = s.codePointAt(i);
                out.writeBytes(Character.toString(cp).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(cp) - 1;
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
