package dev.runtrail.ingest.windows.xml;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Element names as strings, made once per reader instead of once per element: an event XML file
 * repeats a few dozen names over and over. Bounded, so odd input cannot grow it without limit;
 * names beyond the bound are made each time.
 */
final class NameTable {
    private static final int SLOTS = 1024; // power of two
    private static final int MAX_ENTRIES = SLOTS / 2;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private int size;

    /** The name in {@code b[from, to)} (UTF-8) as a string. */
    String get(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0) {
            return "";
        }
        // length and a few bytes tell the names of one schema apart well enough; hashing every
        // byte would cost more than the comparison that follows anyway
        int h = len * 0x9E3779B1;
        h ^= b[from] * 31 + b[to - 1];
        h ^= (b[from + (len >> 1)] << 8) + b[from + (len >> 2)];
        h ^= h >>> 15;
        int slot = h & (SLOTS - 1);
        while (true) {
            byte[] key = keys[slot];
            if (key == null) {
                // interned, so that comparing with a literal name is an identity check
                String name = new String(b, from, len, StandardCharsets.UTF_8).intern();
                if (size < MAX_ENTRIES) {
                    keys[slot] = Arrays.copyOfRange(b, from, to);
                    values[slot] = name;
                    size++;
                }
                return name;
            }
            if (key.length == len && same(key, b, from)) {
                return values[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }

    private static boolean same(byte[] key, byte[] b, int from) {
        int n = key.length;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            if ((long) LONGS.get(key, i) != (long) LONGS.get(b, from + i)) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (key[i] != b[from + i]) {
                return false;
            }
        }
        return true;
    }
}
