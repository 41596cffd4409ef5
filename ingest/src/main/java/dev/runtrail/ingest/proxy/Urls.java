package dev.runtrail.ingest.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** URL percent-decoding without the exceptions of {@link java.net.URLDecoder}. */
final class Urls {
    private Urls() {}

    /** Percent-decoding as UTF-8; malformed escapes are kept as written. */
    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '%' && hexPair(s, i + 1)) {
                bytes.write(
                        Character.digit(s.charAt(i + 1), 16) * 16
                                + Character.digit(s.charAt(i + 2), 16));
                i += 3;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(c);
            i++;
        }
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static boolean hexPair(String s, int at) {
        return at + 1 < s.length()
                && Character.digit(s.charAt(at), 16) >= 0
                && Character.digit(s.charAt(at + 1), 16) >= 0;
    }
}
