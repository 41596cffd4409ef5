package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Jackson's generator with default settings is the reference: the bytes must be the same. */
class JsonBytesTest {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    /** The calls a JSON value writer takes: Jackson's generator or {@link JsonBytes}. */
    private interface Values {
        void string(String s) throws IOException;

        void number(long l) throws IOException;

        void number(double d) throws IOException;

        void bool(boolean b) throws IOException;

        void nullValue() throws IOException;
    }

    private static void write(Values out, Object v) throws IOException {
        if (v instanceof String s) {
            out.string(s);
        } else if (v instanceof Long l) {
            out.number(l);
        } else if (v instanceof Double d) {
            out.number(d);
        } else if (v instanceof Boolean b) {
            out.bool(b);
        } else {
            out.nullValue();
        }
    }

    /** The values as a JSON array, written by Jackson. */
    private static String jackson(List<Object> values) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator gen = FACTORY.createGenerator(bytes)) {
            Values out =
                    new Values() {
                        public void string(String s) throws IOException {
                            gen.writeString(s);
                        }

                        public void number(long l) throws IOException {
                            gen.writeNumber(l);
                        }

                        public void number(double d) throws IOException {
                            gen.writeNumber(d);
                        }

                        public void bool(boolean b) throws IOException {
                            gen.writeBoolean(b);
                        }

                        public void nullValue() throws IOException {
                            gen.writeNull();
                        }
                    };
            gen.writeStartArray();
            for (Object v : values) {
                write(out, v);
            }
            gen.writeEndArray();
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The same array, written here. */
    private static String ours(List<Object> values) throws IOException {
        JsonBytes bytes = new JsonBytes(16);
        Values out =
                new Values() {
                    public void string(String s) {
                        bytes.string(s);
                    }

                    public void number(long l) {
                        bytes.number(l);
                    }

                    public void number(double d) {
                        bytes.number(d);
                    }

                    public void bool(boolean b) {
                        bytes.bool(b);
                    }

                    public void nullValue() {
                        bytes.nullValue();
                    }
                };
        bytes.raw((byte) '[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                bytes.raw((byte) ',');
            }
            write(out, values.get(i));
        }
        bytes.raw((byte) ']');
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    private static void assertSameAsJackson(List<Object> values) throws IOException {
        assertThat(ours(values)).isEqualTo(jackson(values));
    }

    /** Random ASCII text of every length, weighted towards the characters that need escapes. */
    @Test
    void randomAsciiTextIsWrittenAsJacksonWritesIt() throws IOException {
        Random random = new Random(11);
        String special = "\"\\\b\t\n\f\r\u0000\u0001\u001f\u007f </>'";
        for (int round = 0; round < 20_000; round++) {
            int length = random.nextInt(300);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(
                        random.nextInt(4) == 0
                                ? special.charAt(random.nextInt(special.length()))
                                : (char) random.nextInt(128));
            }
            assertSameAsJackson(List.of(text.toString(), "short", text.toString()));
        }
    }

    /** Each byte position of a word, and of the tail after the last word, finds its escape. */
    @Test
    void anEscapeAtAnyPositionIsFound() throws IOException {
        for (char c : new char[] {'"', '\\', '\n', '\u0000', '\u001f'}) {
            for (int length = 1; length < 40; length++) {
                for (int at = 0; at < length; at++) {
                    char[] text = "x".repeat(length).toCharArray();
                    text[at] = c;
                    assertSameAsJackson(List.of(new String(text)));
                }
            }
        }
    }

    /** Random text over all of UTF-16: two- and three-byte UTF-8, and surrogates paired or not. */
    @Test
    void randomNonAsciiTextIsWrittenAsJacksonWritesIt() throws IOException {
        Random random = new Random(12);
        for (int round = 0; round < 20_000; round++) {
            int length = random.nextInt(80);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(5)) {
                    case 0 -> text.append((char) random.nextInt(0x80));
                    case 1 -> text.append((char) (0x80 + random.nextInt(0x780)));
                    case 2 -> text.append((char) random.nextInt(0x10000));
                    case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                    default -> text.append('"');
                }
            }
            assertSameAsJackson(List.of(text.toString()));
        }
    }

    /**
     * Long text, ASCII or not, with escapes early, late or throughout: the buffer (16 bytes to
     * start with) grows as it goes, across the steps of the character-wise writer.
     */
    @Test
    void longTextIsWrittenAsJacksonWritesIt() throws IOException {
        Random random = new Random(14);
        for (int round = 0; round < 200; round++) {
            int length = 1000 + random.nextInt(20_000);
            char[] text = new char[length];
            boolean ascii = random.nextBoolean();
            for (int i = 0; i < length; i++) {
                text[i] =
                        ascii
                                ? (char) (0x20 + random.nextInt(0x5F))
                                : (char) random.nextInt(0x3000);
            }
            int escapes = random.nextInt(3) == 0 ? length / 2 : random.nextInt(4);
            for (int e = 0; e < escapes; e++) {
                text[random.nextInt(length)] = random.nextBoolean() ? '"' : '\u0001';
            }
            assertSameAsJackson(List.of(new String(text)));
        }
    }

    @Test
    void numbersBooleansAndNullAreWrittenAsJacksonWritesThem() throws IOException {
        Random random = new Random(13);
        List<Object> values =
                new ArrayList<>(
                        List.of(
                                0L,
                                -1L,
                                9L,
                                10L,
                                Long.MAX_VALUE,
                                Long.MIN_VALUE,
                                0.0,
                                -0.0,
                                1e-300,
                                Double.MIN_VALUE,
                                Double.MAX_VALUE,
                                Double.NaN,
                                Double.POSITIVE_INFINITY,
                                Double.NEGATIVE_INFINITY,
                                true,
                                false));
        values.add(null);
        for (int i = 0; i < 10_000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
            values.add(Double.longBitsToDouble(random.nextLong()));
            values.add(random.nextDouble() * 1000);
        }
        assertSameAsJackson(values);
    }

    /** What comes out parses back to the original strings. */
    @Test
    void theOutputParsesBackToTheText() throws IOException {
        String xml =
                "<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\r\n"
                        + "  <Data Name=\"CommandLine\">cmd.exe /c \"dir C:\\Windows\\\"</Data>\t"
                        + "<Data Name=\"TargetUserName\">M\u00fcller \ud83d\ude00</Data></Event>";
        List<String> texts = List.of(xml, xml.repeat(100), "");
        String[] back = new ObjectMapper().readValue(ours(List.copyOf(texts)), String[].class);
        assertThat(back).containsExactlyElementsOf(texts);
    }
}
