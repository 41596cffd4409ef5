package dev.runtrail.ingest.windows.xml;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the first byte that is not well-formed UTF-8, by the rules of the JDK's UTF-8 decoder (no
 * overlong forms, no encoded surrogates, nothing above U+10FFFF), without decoding: events are
 * decoded only once, into the {@code event.original} string.
 */
final class Utf8Check {
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8Check() {}

    /** Index of the first malformed sequence in {@code b[from, to)}, or -1 when all is UTF-8. */
    static int firstInvalid(byte[] b, int from, int to) {
        int i = from;
        while (i < to) {
            // eight ASCII bytes at a time, the common case
            while (i + 8 <= to && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
                i += 8;
            }
            if (i >= to) {
                break;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xff;
            if (c < 0xC2) {
                return i; // continuation byte without a lead, or an overlong 2-byte lead
            }
            if (c < 0xE0) {
                if (i + 1 >= to || !continuation(b[i + 1])) {
                    return i;
                }
                i += 2;
            } else if (c < 0xF0) {
                if (i + 2 >= to || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
                    return i;
                }
                int c1 = b[i + 1] & 0xff;
                if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0)) {
                    return i; // overlong, or a UTF-16 surrogate
                }
                i += 3;
            } else if (c < 0xF5) {
                if (i + 3 >= to
                        || !continuation(b[i + 1])
                        || !continuation(b[i + 2])
                        || !continuation(b[i + 3])) {
                    return i;
                }
                int c1 = b[i + 1] & 0xff;
                if ((c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90)) {
                    return i; // overlong, or above U+10FFFF
                }
                i += 4;
            } else {
                return i;
            }
        }
        return -1;
    }

    private static boolean continuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
