package dev.runtrail.correlate;

import java.util.Locale;

/**
 * Normalization of the names that different sources spell differently: host names (FQDN, NetBIOS,
 * case), Windows logon ids (hex case, leading zeros, decimal) and accounts ({@code DOMAIN\\user},
 * {@code user@domain}, case).
 */
public final class Names {
    private Names() {}

    /**
     * The host key: the first DNS label, lower-cased, so {@code WEB01}, {@code web01.corp.example}
     * and {@code \\\\web01} meet. IP literals are kept whole. Null for blank input.
     */
    public static String host(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        while (s.startsWith("\\")) {
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            return null;
        }
        s = s.toLowerCase(Locale.ROOT);
        if (isIpLiteral(s)) {
            return s;
        }
        int dot = s.indexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    /** True for an IPv4 dotted quad or anything containing ':' (IPv6). */
    public static boolean isIpLiteral(String s) {
        if (s.indexOf(':') >= 0) {
            return true;
        }
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                dots++;
            } else if (c < '0' || c > '9') {
                return false;
            }
        }
        return dots == 3;
    }

    /**
     * A logon id as lower-case hex with {@code 0x} and no leading zeros ({@code 0x0003E7A1} →
     * {@code 0x3e7a1}); decimal input is converted. Unparseable input is returned trimmed and
     * lower-cased so it still keys consistently.
     */
    public static String logonId(String raw) {
        if (raw == null) {
            return null;
        }
        String s = raw.trim();
        if (s.isEmpty() || s.equals("-")) {
            return null;
        }
        try {
            long value =
                    s.startsWith("0x") || s.startsWith("0X")
                            ? Long.parseUnsignedLong(s.substring(2), 16)
                            : Long.parseUnsignedLong(s);
            return "0x" + Long.toHexString(value);
        } catch (NumberFormatException e) {
            return s.toLowerCase(Locale.ROOT);
        }
    }

    /** Logon ids of the built-in accounts (SYSTEM, LOCAL SERVICE, NETWORK SERVICE) and "none". */
    public static boolean isWellKnownLogonId(String normalized) {
        return normalized == null
                || normalized.equals("0x0")
                || normalized.equals("0x3e7")
                || normalized.equals("0x3e4")
                || normalized.equals("0x3e5");
    }

    /**
     * An account as user and domain, both lower-case; the domain is reduced to its first label so
     * {@code CORP} and {@code corp.example.com} agree. Accepts {@code DOMAIN\\user}, {@code
     * user@domain} or a bare user with a separate domain. Null when there is no user.
     */
    public static Account account(String user, String domain) {
        if (user == null || user.isBlank() || user.equals("-")) {
            return null;
        }
        String u = user.trim();
        String d = domain == null || domain.isBlank() || domain.equals("-") ? null : domain.trim();
        int slash = u.indexOf('\\');
        if (slash >= 0) {
            d = u.substring(0, slash);
            u = u.substring(slash + 1);
        } else {
            int at = u.indexOf('@');
            if (at > 0) {
                d = u.substring(at + 1);
                u = u.substring(0, at);
            }
        }
        if (u.isEmpty()) {
            return null;
        }
        return new Account(u.toLowerCase(Locale.ROOT), d == null || d.isEmpty() ? null : host(d));
    }

    /**
     * A normalized account.
     *
     * @param user lower-case user name without domain
     * @param domain lower-case first label of the domain, or null when unknown
     */
    public record Account(String user, String domain) {
        /** Same user; domains must agree only when both sides know theirs. */
        public boolean sameAs(Account other) {
            if (other == null || !user.equals(other.user)) {
                return false;
            }
            return domain == null || other.domain == null || domain.equals(other.domain);
        }

        /** {@code user@domain} or just {@code user}. */
        @Override
        public String toString() {
            return domain == null ? user : user + "@" + domain;
        }

        /** Parses the form written by {@link #toString()}. */
        public static Account parse(String text) {
            return text == null ? null : account(text, null);
        }
    }
}
