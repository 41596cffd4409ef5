package dev.runtrail.sinks.templates;

/**
 * Recognizes IP literals the way an {@code ip} field accepts them, without DNS lookups (which
 * {@link java.net.InetAddress#getByName} would do for anything that is not a literal).
 */
final class IpLiterals {
    private IpLiterals() {}

    static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    static boolean isIpv4(String s) {
        int parts = 0;
        int value = -1;
        int digits = 0;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c == '.') {
                if (digits == 0 || value > 255) {
                    return false;
                }
                parts++;
                value = -1;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (++digits > 3) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return parts == 4;
    }

    static boolean isIpv6(String s) {
        String address = s;
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        if (address.isEmpty() || address.indexOf(':') < 0) {
            return false;
        }
        int lastColon = address.lastIndexOf(':');
        String tail = address.substring(lastColon + 1);
        int groupsForTail = 0;
        if (tail.indexOf('.') >= 0) {
            if (!isIpv4(tail)) {
                return false;
            }
            address = address.substring(0, lastColon + 1) + "0:0";
            groupsForTail = 0;
        }
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = address.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                // empty groups only at a '::' (which splits into one or two empties)
                if (doubleColon < 0) {
                    return false;
                }
                continue;
            }
            if (g.length() > 4) {
                return false;
            }
            for (char c : g.toCharArray()) {
                if (Character.digit(c, 16) < 0) {
                    return false;
                }
            }
            count++;
        }
        count += groupsForTail;
        return doubleColon >= 0 ? count < 8 : count == 8;
    }
}
