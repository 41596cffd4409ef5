package dev.runtrail.ingest;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a format sees when it sniffs one input: the file name and the first bytes (up to {@link
 * Formats#SNIFF_BYTES}). The detector asks every format about the same head, so work several
 * formats would each repeat (the lower-cased name, the first lines decoded) is done once here and
 * shared. One head belongs to one detection on one thread.
 */
public final class Head {
    private final String fileName;
    private final byte[] bytes;
    private String lowerName;
    private Map<Object, Object> shared;

    /**
     * @param fileName the file name or path, may be null
     * @param bytes the first bytes of the input; not copied, and nobody may change them
     */
    public Head(String fileName, byte[] bytes) {
        this.fileName = fileName;
        this.bytes = bytes;
    }

    /** The file name or path as given, may be null. */
    public String fileName() {
        return fileName;
    }

    /** The first bytes; shared by every format, so read them only. */
    public byte[] bytes() {
        return bytes;
    }

    /** The file name in lower case ({@link Locale#ROOT}), or {@code ""} when there is none. */
    public String lowerFileName() {
        if (lowerName == null) {
            lowerName = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        }
        return lowerName;
    }

    /**
     * Whether {@link #lowerFileName()} contains {@code hint}, a lower-case ASCII text. A name that
     * is all ASCII is searched as it is, folding A-Z, without making its lower-case copy (the
     * detector asks this of every file, and paths carry upper-case letters in their timestamps).
     */
    public boolean lowerFileNameContains(String hint) {
        if (lowerName != null || fileName == null) {
            return lowerFileName().contains(hint);
        }
        int n = fileName.length();
        for (int i = 0; i < n; i++) {
            if (fileName.charAt(i) >= 0x80) {
                // beyond ASCII lower-casing may change lengths or map to ASCII (Kelvin sign)
                return lowerFileName().contains(hint);
            }
        }
        int m = hint.length();
        outer:
        for (int i = 0; i + m <= n; i++) {
            for (int j = 0; j < m; j++) {
                char c = fileName.charAt(i + j);
                if (c >= 'A' && c <= 'Z') {
                    c = (char) (c + ('a' - 'A'));
                }
                if (c != hint.charAt(j)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * A value derived from the bytes, computed on the first call for {@code key} and returned again
     * to every later caller with the same key: how a family of formats shares one decoding.
     *
     * @param key identifies the derivation (e.g. the class that owns it); equal keys must derive
     *     the same value
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(Object key, Function<byte[], T> derive) {
        if (shared == null) {
            shared = new HashMap<>(4);
        }
        Object value = shared.get(key);
        if (value == null) {
            value = derive.apply(bytes);
            shared.put(key, value);
        }
        return (T) value;
    }
}
