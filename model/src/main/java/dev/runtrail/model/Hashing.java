package dev.runtrail.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 helpers for raw-record hashes and deterministic document ids. */
public final class Hashing {
    private Hashing() {}

    /** Lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        return sha256Hex(bytes, 0, bytes.length);
    }

    /** Lower-case hex SHA-256 of a slice. */
    public static String sha256Hex(byte[] bytes, int offset, int length) {
        return SHA256_HEX.get().hex(bytes, offset, length);
    }

    private static final ThreadLocal<Sha256Hex> SHA256_HEX =
            ThreadLocal.withInitial(Sha256Hex::new);

    /**
     * A digest with its output buffers, one per thread: every event gets a hash, and digesting into
     * a kept array and writing its hex as bytes leaves the result String as the only allocation.
     */
    private static final class Sha256Hex {
        private final MessageDigest digest = newSha256();
        private final byte[] out = new byte[32];
        private final byte[] text = new byte[64];

        String hex(byte[] bytes, int offset, int length) {
            // (digest() leaves the digest reset for the next use)
            digest.update(bytes, offset, length);
            return finish(digest, out, text, 32);
        }
    }

    /** Ends the digest into {@code out}; the first {@code bytes} of it as lower-case hex. */
    private static String finish(MessageDigest digest, byte[] out, byte[] text, int bytes) {
        try {
            digest.digest(out, 0, out.length);
        } catch (java.security.DigestException e) {
            throw new IllegalStateException("A SHA-256 digest is 32 bytes.", e);
        }
        for (int i = 0; i < bytes; i++) {
            text[2 * i] = HEX_DIGITS[(out[i] >> 4) & 0xf];
            text[2 * i + 1] = HEX_DIGITS[out[i] & 0xf];
        }
        return new String(text, 0, 2 * bytes, StandardCharsets.ISO_8859_1);
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    /**
     * A deterministic document id: the first 128 bits of SHA-256 over the parts, each
     * length-prefixed so that ("ab","c") and ("a","bc") differ. Hex, 32 characters.
     */
    public static String docId(String... parts) {
        IdBuilder id = idBuilder();
        for (String part : parts) {
            id.part(part);
        }
        return id.build();
    }

    private static final ThreadLocal<IdBuilder> ID_BUILDER =
            ThreadLocal.withInitial(IdBuilder::new);

    /**
     * A builder for the same id as {@link #docId(String...)}, for callers that make one per event
     * from parts that would otherwise need a String each first: a lower-cased name, a number, an
     * instant. One per thread, reused: call {@link IdBuilder#build()} before starting the next id.
     */
    public static IdBuilder idBuilder() {
        return ID_BUILDER.get().start();
    }

    /**
     * Writes the parts of a {@link #docId(String...)} id into one buffer, length-prefixed the same
     * way, and hashes them once. ASCII parts are written as they are; others go through their UTF-8
     * bytes, so every part yields exactly the bytes {@code docId} would hash.
     */
    public static final class IdBuilder {
        private byte[] buf = new byte[256];
        private int n;
        private final char[] time = new char[IsoInstantText.MAX_LENGTH];

        /** {@link #time} as bytes, as far as it was written. */
        private final byte[] timeBytes = new byte[IsoInstantText.MAX_LENGTH];

        /**
         * The last two Strings given to {@link #lowerCasePart}, by identity, with the bytes they
         * added (length prefix included).
         */
        private final String[] lowered = new String[2];

        private final byte[][] loweredBytes = new byte[2][];
        private int nextLowered;

        /** Room for the decimal text of any long. */
        private final byte[] digits = new byte[20];

        /**
         * The epoch second whose text {@link #time} starts with: events come in bursts within a
         * second, and then only the fraction is written again.
         */
        private long timeSecond = Long.MIN_VALUE;

        private final MessageDigest digest = newSha256();
        private final byte[] out = new byte[32];
        private final byte[] text = new byte[32];

        private IdBuilder() {}

        private IdBuilder start() {
            n = 0;
            return this;
        }

        /** Adds a part as {@code docId} takes it (null allowed). */
        public IdBuilder part(String s) {
            return s == null ? utf8("\0null") : ascii(s, false);
        }

        /** Adds {@code s.toLowerCase(Locale.ROOT)}, or the empty string for null. */
        public IdBuilder lowerCasePart(String s) {
            if (s == null) {
                return ascii("", false);
            }
            int slot = s == lowered[0] ? 0 : s == lowered[1] ? 1 : -1;
            if (slot < 0) {
                int start = n;
                ascii(s, true);
                // remember it (host and channel names repeat event after event, as one String)
                slot = nextLowered;
                nextLowered ^= 1;
                lowered[slot] = s;
                loweredBytes[slot] = java.util.Arrays.copyOfRange(buf, start, n);
                return this;
            }
            byte[] bytes = loweredBytes[slot];
            room(bytes.length);
            System.arraycopy(bytes, 0, buf, n, bytes.length);
            n += bytes.length;
            return this;
        }

        /** Adds the decimal text of a number, as {@link Long#toString(long)} writes it. */
        public IdBuilder part(long value) {
            // digits from the right, one division each; negated so that Long.MIN_VALUE fits
            int p = digits.length;
            long v = value < 0 ? value : -value;
            do {
                long q = v / 10;
                digits[--p] = (byte) ('0' + (q * 10 - v));
                v = q;
            } while (v != 0);
            if (value < 0) {
                digits[--p] = '-';
            }
            int length = digits.length - p;
            room(4 + length);
            putInt(buf, n, length);
            System.arraycopy(digits, p, buf, n + 4, length);
            n += 4 + length;
            return this;
        }

        /** Adds the instant's text as {@link Instant#toString()} writes it. */
        public IdBuilder part(java.time.Instant instant) {
            long second = instant.getEpochSecond();
            int length;
            int changed;
            if (second == timeSecond) {
                changed = IsoInstantText.SECONDS_LENGTH;
                length = IsoInstantText.fraction(instant.getNano(), time, changed);
            } else {
                changed = 0;
                length = IsoInstantText.format(instant, time);
                if (length < 0) {
                    timeSecond = Long.MIN_VALUE;
                    return part(instant.toString());
                }
                timeSecond = second;
            }
            for (int i = changed; i < length; i++) {
                timeBytes[i] = (byte) time[i];
            }
            room(4 + length);
            putInt(buf, n, length);
            System.arraycopy(timeBytes, 0, buf, n + 4, length);
            n += 4 + length;
            return this;
        }

        /** The id: the first 128 bits of SHA-256 over the parts, hex. */
        public String build() {
            // (digest() leaves the digest reset for the next use)
            digest.update(buf, 0, n);
            return finish(digest, out, text, 16);
        }

        private IdBuilder ascii(String s, boolean lowerCase) {
            int length = s.length();
            room(4 + length);
            int at = n + 4;
            for (int k = 0; k < length; k++) {
                char c = s.charAt(k);
                if (c >= 0x80) {
                    return utf8(lowerCase ? s.toLowerCase(java.util.Locale.ROOT) : s);
                }
                if (lowerCase && c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                buf[at + k] = (byte) c;
            }
            putInt(buf, n, length);
            n = at + length;
            return this;
        }

        private IdBuilder utf8(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            room(4 + bytes.length);
            putInt(buf, n, bytes.length);
            System.arraycopy(bytes, 0, buf, n + 4, bytes.length);
            n += 4 + bytes.length;
            return this;
        }

        private void room(int more) {
            if (n + more > buf.length) {
                buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
            }
        }
    }

    private static void putInt(byte[] b, int at, int value) {
        b[at] = (byte) (value >>> 24);
        b[at + 1] = (byte) (value >>> 16);
        b[at + 2] = (byte) (value >>> 8);
        b[at + 3] = (byte) value;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime must provide SHA-256.", e);
        }
    }
}
