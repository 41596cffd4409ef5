package dev.runtrail.ingest.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Utf16InputTest {
    private static final String MIXED = "net use 4624 é € 中文 😀 \r\n{\"a\":\"ü\"}";

    @ParameterizedTest
    @ValueSource(strings = {"UTF-16LE", "UTF-16BE"})
    void transcodesToWhatTheJdkEncodes(String charset) throws IOException {
        byte[] utf16 = withBom(MIXED, Charset.forName(charset));
        assertThat(Utf16Input.hasBom(utf16)).isTrue();
        assertThat(read(utf16, Integer.MAX_VALUE))
                .isEqualTo(MIXED.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void blocksAndShortReadsNeverSplitACharacter() throws IOException {
        // random BMP and supplementary characters, over many of the transcoder's 32 KiB blocks,
        // read from a stream that hands out 1 to 7 bytes at a time
        Random random = new Random(42);
        StringBuilder text = new StringBuilder();
        while (text.length() < 100_000) {
            int pick = random.nextInt(10);
            int cp =
                    pick < 4
                            ? 0x20 + random.nextInt(0x5F)
                            : pick < 6
                                    ? 0x80 + random.nextInt(0x780)
                                    : pick < 8
                                            ? 0x800 + random.nextInt(0xD000)
                                            : 0x10000 + random.nextInt(0x10000);
            text.appendCodePoint(cp);
        }
        String s = text.toString();
        assertThat(read(withBom(s, StandardCharsets.UTF_16LE), 7))
                .isEqualTo(s.getBytes(StandardCharsets.UTF_8));
        assertThat(read(withBom(s, StandardCharsets.UTF_16BE), Integer.MAX_VALUE))
                .isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachMalformedCodeUnitBecomesTheByteFfAndTheRestSurvives() throws IOException {
        // a high surrogate before 'x', a low surrogate alone, a high surrogate at the very end
        // and an odd last byte
        ByteArrayOutputStream le = new ByteArrayOutputStream();
        le.write(0xFF);
        le.write(0xFE);
        for (char c : "a\ud800xb\udc00c\ud83d\ude00\ud800".toCharArray()) {
            le.write(c & 0xff);
            le.write(c >>> 8);
        }
        le.write('z');
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write('a');
        expected.write(0xFF);
        expected.write('x');
        expected.write('b');
        expected.write(0xFF);
        expected.write('c');
        expected.writeBytes("😀".getBytes(StandardCharsets.UTF_8));
        expected.write(0xFF);
        expected.write(0xFF);
        assertThat(read(le.toByteArray(), Integer.MAX_VALUE)).isEqualTo(expected.toByteArray());
        byte[] shortReads = read(le.toByteArray(), 3);
        assertThat(shortReads).isEqualTo(expected.toByteArray());
        assertThatThrownBy(
                        () ->
                                StandardCharsets.UTF_8
                                        .newDecoder()
                                        .decode(ByteBuffer.wrap(shortReads)))
                .as("readers that check UTF-8 reject the record")
                .isInstanceOf(CharacterCodingException.class);
    }

    @Test
    void onlyTheTwoUtf16MarksCount() throws IOException {
        assertThat(Utf16Input.hasBom(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF})).isFalse();
        assertThat(Utf16Input.hasBom(new byte[] {(byte) 0xFF})).isFalse();
        assertThat(Utf16Input.hasBom(new byte[0])).isFalse();
        assertThat(Utf16Input.hasBom("{}".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(read(new byte[] {(byte) 0xFE, (byte) 0xFF}, 1)).isEmpty();
        assertThatThrownBy(() -> Utf16Input.toUtf8(new ByteArrayInputStream(new byte[] {'{', '}'})))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("byte order mark");
    }

    private static byte[] withBom(String text, Charset charset) {
        return ("\ufeff" + text).getBytes(charset);
    }

    /** The transcoding, read through a source that returns at most {@code chunk} bytes a read. */
    private static byte[] read(byte[] utf16, int chunk) throws IOException {
        InputStream source =
                new ByteArrayInputStream(utf16) {
                    @Override
                    public synchronized int read(byte[] b, int off, int len) {
                        return super.read(b, off, Math.min(len, chunk));
                    }
                };
        try (InputStream in = Utf16Input.toUtf8(source)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[5];
            for (int n; (n = in.read(buffer, 0, buffer.length)) >= 0; ) {
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }
}
