package dev.runtrail.ingest.windows.evtx.binxml;

import java.util.Arrays;

/**
 * The last value one template substitution held and the text it rendered to. Many values repeat
 * record after record (provider, computer, user names, domains, SIDs, levels), and comparing their
 * bytes with the last ones is cheaper than decoding them and allocating their text again. The text
 * depends on nothing but the type and the bytes compared, so a match gives exactly what decoding
 * would. A substitution whose value keeps changing (times, record ids) stops being remembered.
 */
public final class ValueMemo {
    /** Longer values are decoded every time: copying them would cost more than a match saves. */
    private static final int MAX_BYTES = 512;

    /** Misses after which a substitution that rarely repeats is no longer compared. */
    private static final int MISSES_TO_GIVE_UP = 32;

    private byte[] bytes = new byte[16];
    private int length = -1;
    private int type;
    private String text;
    private boolean mayNeedEscaping;
    private int hits;
    private int misses;

    /**
     * Whether a value of this type and size can be remembered: scalar, within the size limit, and
     * at least as long as the bytes its type is decoded from (a short fixed-size value is decoded
     * from bytes after it, which a comparison of its own bytes would not cover).
     */
    static boolean applies(int type, int size) {
        if ((type & ValueType.ARRAY) != 0 || size > MAX_BYTES) {
            return false;
        }
        int width = type == ValueType.SIZE_T ? 4 : ValueType.fixedSize(type);
        return size >= width;
    }

    boolean active() {
        return misses < MISSES_TO_GIVE_UP || hits * 4 >= misses;
    }

    /** The remembered text if the value at {@code array[from, from + size)} is the last one. */
    String match(byte[] array, int from, int size, int type) {
        if (size == length
                && type == this.type
                && Arrays.equals(bytes, 0, size, array, from, from + size)) {
            hits++;
            return text;
        }
        misses++;
        return null;
    }

    boolean mayNeedEscaping() {
        return mayNeedEscaping;
    }

    void remember(
            byte[] array, int from, int size, int type, String text, boolean mayNeedEscaping) {
        if (bytes.length < size) {
            bytes = new byte[Math.max(size, bytes.length * 2)];
        }
        System.arraycopy(array, from, bytes, 0, size);
        this.length = size;
        this.type = type;
        this.text = text;
        this.mayNeedEscaping = mayNeedEscaping;
    }
}
