package dev.runtrail.ingest.proxy;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;

/**
 * Sets the ECS fields every proxy access event shares, the same way for every format: client
 * address, authenticated user, request target split into path and query, status and outcome,
 * duration, and the Airflow action the request stands for.
 */
public final class ProxyFields {
    /** ECS {@code network.forwarded_ip}: the peer address when {@code source.ip} came from XFF. */
    public static final String NETWORK_FORWARDED_IP = "network.forwarded_ip";

    /** ECS {@code url.domain}'s sibling for the requested virtual host as logged. */
    public static final String DESTINATION_ADDRESS = "destination.address";

    /** ECS {@code http.request.referrer}. */
    public static final String HTTP_REFERRER = "http.request.referrer";

    /** ECS {@code observer.product}: which proxy wrote the record (mapped formats). */
    public static final String OBSERVER_PRODUCT = "observer.product";

    private ProxyFields() {}

    /**
     * The client: {@code ip}, {@code ip:port} or {@code [v6]:port}. Values that are not an IP
     * address (a hostname, {@code -}) go to {@code source.domain} / are ignored.
     */
    public static void client(EcsDocument doc, String address) {
        if (address == null || address.isEmpty() || address.equals("-")) {
            return;
        }
        String host = address;
        String port = null;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end > 0) {
                if (host.length() > end + 2 && host.charAt(end + 1) == ':') {
                    port = host.substring(end + 2);
                }
                host = host.substring(1, end);
            }
        } else {
            int colon = host.indexOf(':');
            if (colon > 0 && colon == host.lastIndexOf(':')) {
                port = host.substring(colon + 1);
                host = host.substring(0, colon);
            }
        }
        if (Ips.isIp(host)) {
            doc.put(Ecs.SOURCE_IP, host);
            doc.add(Ecs.RELATED_IP, host);
        } else {
            doc.put(Ecs.SOURCE_DOMAIN, host);
        }
        long p = AccessTimes.parseLong(port);
        if (p > 0 && p <= 65535) {
            doc.put(Ecs.SOURCE_PORT, p);
        }
    }

    /**
     * The client seen through {@code X-Forwarded-For}: when the header names a client, its first
     * hop is the original client and becomes {@code source.ip}; the direct peer is kept as {@code
     * network.forwarded_ip}. Without a usable header the peer is the client.
     */
    public static void client(EcsDocument doc, String peer, String forwardedFor) {
        String first = firstHop(forwardedFor);
        if (first != null) {
            client(doc, first);
            if (doc.has(Ecs.SOURCE_IP)) {
                String peerHost = stripPort(peer);
                if (peerHost != null && Ips.isIp(peerHost) && !peerHost.equals(first)) {
                    doc.put(NETWORK_FORWARDED_IP, peerHost);
                    doc.add(Ecs.RELATED_IP, peerHost);
                }
                return;
            }
            doc.remove(Ecs.SOURCE_DOMAIN);
        }
        client(doc, peer);
    }

    private static String firstHop(String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isEmpty() || forwardedFor.equals("-")) {
            return null;
        }
        int comma = forwardedFor.indexOf(',');
        String first = (comma < 0 ? forwardedFor : forwardedFor.substring(0, comma)).trim();
        return first.isEmpty() || first.equals("-") || first.equalsIgnoreCase("unknown")
                ? null
                : first;
    }

    private static String stripPort(String address) {
        if (address == null) {
            return null;
        }
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.indexOf(':');
        return colon > 0 && colon == address.lastIndexOf(':')
                ? address.substring(0, colon)
                : address;
    }

    /** The authenticated user; {@code -} means none. Email-like names also go to user.email. */
    public static void user(EcsDocument doc, String user) {
        if (user == null || user.isEmpty() || user.equals("-")) {
            return;
        }
        doc.put(Ecs.USER_NAME, user);
        doc.add(Ecs.RELATED_USER, user);
        int at = user.indexOf('@');
        if (at > 0 && at < user.length() - 1 && user.indexOf('@', at + 1) < 0) {
            doc.put(Ecs.USER_EMAIL, user);
        }
    }

    /**
     * The request target as logged: {@code url.original}, and {@code url.path}/{@code url.query}
     * split at the first {@code ?}. Absolute-form targets ({@code http://host/p}, Squid) also set
     * {@code url.domain}; CONNECT's {@code host:port} sets {@code url.domain} only.
     */
    public static void target(EcsDocument doc, String target) {
        if (target == null || target.isEmpty() || target.equals("-")) {
            return;
        }
        doc.put(Ecs.URL_ORIGINAL, target);
        String rest = target;
        int scheme = target.indexOf("://");
        if (scheme > 0 && scheme < 10) {
            int hostStart = scheme + 3;
            int slash = target.indexOf('/', hostStart);
            int q = target.indexOf('?', hostStart);
            int hostEnd =
                    slash < 0
                            ? (q < 0 ? target.length() : q)
                            : (q < 0 ? slash : Math.min(slash, q));
            String authority = target.substring(hostStart, hostEnd);
            int at = authority.lastIndexOf('@');
            String hostPort = at >= 0 ? authority.substring(at + 1) : authority;
            doc.put(Ecs.URL_DOMAIN, stripPort(hostPort));
            doc.put("url.scheme", target.substring(0, scheme));
            rest = target.substring(hostEnd);
            if (rest.isEmpty()) {
                rest = "/";
            }
        } else if (!target.startsWith("/")) {
            // CONNECT host:port, or '*' for OPTIONS
            if (!target.equals("*")) {
                doc.put(Ecs.URL_DOMAIN, stripPort(target));
            }
            return;
        }
        int q = rest.indexOf('?');
        if (q < 0) {
            doc.put(Ecs.URL_PATH, rest);
        } else {
            doc.put(Ecs.URL_PATH, rest.substring(0, q));
            doc.put(Ecs.URL_QUERY, rest.substring(q + 1));
        }
    }

    /** HTTP status, and {@code event.outcome} from it (below 400 success, else failure). */
    public static void status(EcsDocument doc, long status) {
        if (status < 100 || status > 999) {
            return;
        }
        doc.put(Ecs.HTTP_RESPONSE_STATUS_CODE, status);
        doc.put(Ecs.EVENT_OUTCOME, status < 400 ? "success" : "failure");
    }

    /** The common classification of an access record. */
    public static void classify(EcsDocument doc) {
        doc.put(Ecs.EVENT_KIND, "event");
        doc.put(Ecs.EVENT_CATEGORY, "web");
        doc.put(Ecs.EVENT_TYPE, "access");
    }

    /** {@code HTTP/1.1} → {@code 1.1}. */
    public static void protocol(EcsDocument doc, String protocol) {
        if (protocol == null) {
            return;
        }
        if (protocol.startsWith("HTTP/")) {
            doc.put(Ecs.HTTP_VERSION, protocol.substring(5));
        }
    }

    /** Sets the Airflow action fields when method and path name an Airflow endpoint. */
    public static void airflow(EcsDocument doc) {
        String method = doc.getString(Ecs.HTTP_REQUEST_METHOD);
        String path = doc.getString(Ecs.URL_PATH);
        if (method == null || path == null) {
            return;
        }
        AirflowEndpoints.match(method, path, doc.getString(Ecs.URL_QUERY))
                .ifPresent(action -> action.applyTo(doc));
    }
}
