package dev.runtrail.ingest.text;

import java.io.IOException;
import java.io.InputStream;

/**
 * Input that starts with a UTF-16 byte order mark, read as UTF-8. Windows PowerShell 5.1 writes
 * redirected output ({@code Get-WinEvent ... | ConvertTo-Json -Compress > events.json}, {@code
 * wevtutil qe ... > events.xml}) and {@code Out-File} output as UTF-16LE with a BOM, while every
 * parser reads UTF-8; so such a file is transcoded as it is read, and positions then count bytes of
 * the UTF-8 transcoding (as they count decompressed bytes of a gzip file).
 *
 * <p>A code unit that is not valid UTF-16 (a lone surrogate, or a last odd byte) becomes the byte
 * 0xFF, which never occurs in UTF-8, so the record holding it is dead-lettered by its reader's
 * UTF-8 check instead of being indexed with a replacement character.
 */
public final class Utf16Input {
    /** What a malformed code unit becomes: never part of valid UTF-8. */
    static final int MALFORMED = 0xFF;

    private Utf16Input() {}

    /** Whether the bytes start with a UTF-16 byte order mark (little or big endian). */
    public static boolean hasBom(byte[] head) {
        return head.length >= 2 && bigEndian(head) != null;
    }

    /** True for FE FF, false for FF FE, null for neither. */
    private static Boolean bigEndian(byte[] head) {
        int b0 = head[0] & 0xff;
        int b1 = head[1] & 0xff;
        if (b0 == 0xFE && b1 == 0xFF) {
            return true;
        }
        if (b0 == 0xFF && b1 == 0xFE) {
            return false;
        }
        return null;
    }

    /**
     * The UTF-8 transcoding of a stream that starts with a UTF-16 byte order mark ({@link #hasBom}
     * of its first bytes), without the mark.
     *
     * @throws IOException when the stream does not start with a UTF-16 byte order mark
     */
    public static InputStream toUtf8(InputStream utf16) throws IOException {
        byte[] bom = utf16.readNBytes(2);
        Boolean big = bom.length == 2 ? bigEndian(bom) : null;
        if (big == null) {
            utf16.close();
            throw new IOException("Expected a UTF-16 byte order mark (FF FE or FE FF).");
        }
        return new Transcoding(utf16, big);
    }

    /** Decodes UTF-16 code units in blocks and encodes them as UTF-8 on demand. */
    private static final class Transcoding extends InputStream {
        private final InputStream in;
        private final boolean bigEndian;
        private final byte[] units = new byte[32 * 1024];

        /**
         * Bytes of {@link #units} read but not yet decoded (an odd byte, a pending high surrogate).
         */
        private int pending;

        private boolean eof;
        private final byte[] out = new byte[units.length * 3 / 2 + 8];
        private int outPos;
        private int outEnd;

        Transcoding(InputStream in, boolean bigEndian) {
            this.in = in;
            this.bigEndian = bigEndian;
        }

        @Override
        public int read() throws IOException {
            if (outPos == outEnd && !fill()) {
                return -1;
            }
            return out[outPos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (outPos == outEnd && !fill()) {
                return -1;
            }
            int n = Math.min(len, outEnd - outPos);
            System.arraycopy(out, outPos, b, off, n);
            outPos += n;
            return n;
        }

        /** Decodes the next block into {@link #out}; false at the end of the input. */
        private boolean fill() throws IOException {
            outPos = 0;
            outEnd = 0;
            while (outEnd == 0) {
                if (eof) {
                    return flushPending();
                }
                int n = in.read(units, pending, units.length - pending);
                if (n < 0) {
                    eof = true;
                    continue;
                }
                int end = pending + n;
                int used = decode(end);
                pending = end - used;
                System.arraycopy(units, used, units, 0, pending);
            }
            return true;
        }

        /** At the end: whatever could not be decoded is malformed. */
        private boolean flushPending() {
            if (pending == 0) {
                return false;
            }
            int used = decode(pending);
            // a high surrogate with nothing after it, or one odd byte
            for (int i = used; i < pending; i += 2) {
                out[outEnd++] = (byte) MALFORMED;
            }
            pending = 0;
            return outEnd > 0;
        }

        private int unit(int i) {
            return bigEndian
                    ? (units[i] & 0xff) << 8 | (units[i + 1] & 0xff)
                    : (units[i + 1] & 0xff) << 8 | (units[i] & 0xff);
        }

        /**
         * Decodes the code units of {@code units[0, end)} that are complete, leaving a last odd
         * byte and a high surrogate whose partner has not arrived yet.
         *
         * @return the number of bytes decoded
         */
        private int decode(int end) {
            byte[] o = out;
            int p = outEnd;
            int i = 0;
            while (i + 1 < end) {
                int c = unit(i);
                if (c < 0x80) {
                    o[p++] = (byte) c;
                    i += 2;
                } else if (c < 0x800) {
                    o[p++] = (byte) (0xC0 | c >> 6);
                    o[p++] = (byte) (0x80 | c & 0x3F);
                    i += 2;
                } else if (c < 0xD800 || c > 0xDFFF) {
                    o[p++] = (byte) (0xE0 | c >> 12);
                    o[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                    o[p++] = (byte) (0x80 | c & 0x3F);
                    i += 2;
                } else if (c >= 0xDC00) {
                    o[p++] = (byte) MALFORMED; // a low surrogate without a high one
                    i += 2;
                } else if (i + 3 >= end) {
                    break; // the low surrogate may be in the next block
                } else {
                    int low = unit(i + 2);
                    if (low < 0xDC00 || low > 0xDFFF) {
                        o[p++] = (byte) MALFORMED; // a high surrogate without a low one
                        i += 2;
                    } else {
                        int cp = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                        o[p++] = (byte) (0xF0 | cp >> 18);
                        o[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                        o[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                        o[p++] = (byte) (0x80 | cp & 0x3F);
                        i += 4;
                    }
                }
            }
            outEnd = p;
            return i;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
