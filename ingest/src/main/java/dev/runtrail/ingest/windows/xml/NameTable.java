package dev.runtrail.ingest.windows.xml;

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

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private int size;

    /** The name in {@code b[from, to)} (UTF-8) as a string. */
    String get(byte[] b, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + b[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        while (true) {
            byte[] key = keys[slot];
            if (key == null) {
                String name = new String(b, from, to - from, StandardCharsets.UTF_8);
                if (size < MAX_ENTRIES) {
                    keys[slot] = Arrays.copyOfRange(b, from, to);
                    values[slot] = name;
                    size++;
                }
                return name;
            }
            if (Arrays.equals(key, 0, key.length, b, from, to)) {
                return values[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
    }
}
