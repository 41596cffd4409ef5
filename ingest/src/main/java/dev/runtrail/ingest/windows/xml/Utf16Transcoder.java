package dev.runtrail.ingest.windows.xml;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Windows PowerShell 5.1 writes redirected output ({@code Get-WinEvent ... > file}) as UTF-16 with
 * a byte order mark. The event splitter works on UTF-8 bytes, so such input is transcoded first;
 * offsets then count bytes of the UTF-8 transcoding. Input without a UTF-16 BOM passes unchanged.
 */
final class Utf16Transcoder {
    private Utf16Transcoder() {}

    /**
     * The input as UTF-8 bytes.
     *
     * @param transcoded whether the input was UTF-16; malformed UTF-16 then shows as U+FFFD
     */
    record Utf8(InputStream stream, boolean transcoded) {}

    /** Character that replaces malformed UTF-16 in the transcoding. */
    static final char REPLACEMENT = '\uFFFD';

    static Utf8 toUtf8(InputStream raw, int bufferSize) throws IOException {
        // a pushback stream, not a buffered one: the splitter reads into its own buffer, and a
        // second buffer in between would only copy every byte once more
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        int b0 = in.read();
        int b1 = b0 < 0 ? -1 : in.read();
        if (b1 >= 0) {
            in.unread(b1);
        }
        if (b0 >= 0) {
            in.unread(b0);
        }
        Charset charset;
        if (b0 == 0xFF && b1 == 0xFE) {
            charset = StandardCharsets.UTF_16LE;
        } else if (b0 == 0xFE && b1 == 0xFF) {
            charset = StandardCharsets.UTF_16BE;
        } else {
            return new Utf8(in, false);
        }
        in.skip(2);
        return new Utf8(
                new Encoding(
                        new InputStreamReader(new BufferedInputStream(in, bufferSize), charset)),
                true);
    }

    /** Encodes the characters of a reader as UTF-8 bytes, on demand. */
    private static final class Encoding extends InputStream {
        private final Reader reader;
        private final CharsetEncoder encoder =
                StandardCharsets.UTF_8
                        .newEncoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
        private final CharBuffer chars = CharBuffer.allocate(8192);
        private final ByteBuffer bytes = ByteBuffer.allocate(3 * 8192 + 16);
        private boolean done;

        Encoding(Reader reader) {
            this.reader = reader;
            bytes.flip();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!bytes.hasRemaining()) {
                if (done) {
                    return -1;
                }
                int n = reader.read(chars);
                bytes.clear();
                chars.flip();
                encoder.encode(chars, bytes, n < 0);
                if (n < 0) {
                    encoder.flush(bytes);
                    done = true;
                }
                chars.compact();
                bytes.flip();
            }
            int n = Math.min(len, bytes.remaining());
            bytes.get(b, off, n);
            return n;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
