package dev.runtrail.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers for raw-record hashes and deterministic document ids. */
public final class Hashing {
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA256 =
            ThreadLocal.withInitial(Hashing::newSha256);

    private Hashing() {}

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        return sha256Hex(bytes, 0, bytes.length);
    }

    /** Lower-case hex SHA-256 of a slice. */
    public static String sha256Hex(byte[] bytes, int offset, int length) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        digest.update(bytes, offset, length);
        return HEX.formatHex(digest.digest());
    }

    /**
     * A deterministic document id: the first 128 bits of SHA-256 over the parts, each
     * length-prefixed so that ("ab","c") and ("a","bc") differ. Hex, 32 characters.
     */
    public static String docId(String... parts) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        // ids are made per event from a few short, mostly ASCII parts: they are written into one
        // buffer and hashed in one update instead of two small arrays per part
        byte[] buf = ID_BUFFER.get();
        int n = 0;
        for (String part : parts) {
            String s = part == null ? "\0null" : part;
            int length = s.length();
            int at = n + 4;
            int k = 0;
            if (at + length <= buf.length) {
                for (; k < length; k++) {
                    char c = s.charAt(k);
                    if (c >= 0x80) {
                        break;
                    }
                    buf[at + k] = (byte) c;
                }
            }
            if (k == length && at + length <= buf.length) {
                putInt(buf, n, length);
                n = at + length;
            } else {
                digest.update(buf, 0, n);
                n = 0;
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                digest.update(intBytes(bytes.length));
                digest.update(bytes);
            }
        }
        digest.update(buf, 0, n);
        byte[] full = digest.digest();
        return HEX.formatHex(full, 0, 16);
    }

    private static final ThreadLocal<byte[]> ID_BUFFER =
            ThreadLocal.withInitial(() -> new byte[512]);

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    private static byte[] intBytes(int value) {
        return new byte[] {
            (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
        };
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime must provide SHA-256.", e);
        }
    }
}
