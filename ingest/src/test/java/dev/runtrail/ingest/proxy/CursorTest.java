package dev.runtrail.ingest.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The access-log tokenizer: tokens, brackets and the escapes of Go and nginx. */
class CursorTest {

    @Test
    void tokensBracketsAndRest() {
        Cursor c = new Cursor("  a  bb [x y] \"q\" tail end");
        assertThat(c.token()).isEqualTo("a");
        assertThat(c.token()).isEqualTo("bb");
        assertThat(c.bracketed()).isEqualTo("x y");
        assertThat(c.quoted()).isEqualTo("q");
        assertThat(c.rest()).isEqualTo("tail end");
        assertThat(c.atEnd()).isTrue();
        assertThat(c.token()).isNull();
    }

    @Test
    void quotedResolvesGoAndNginxEscapes() {
        assertThat(new Cursor("\"a\\\"b\\\\c\"").quoted()).isEqualTo("a\"b\\c");
        assertThat(new Cursor("\"tab\\there\\n\"").quoted()).isEqualTo("tab\there\n");
        assertThat(new Cursor("\"\\u00e9t\\u00e9 \\U0001F600\"").quoted()).isEqualTo("été 😀");
        // nginx escapes every byte above 0x7E: a UTF-8 sequence comes back as text
        assertThat(new Cursor("\"/\\xD0\\xA0\\xD1\\x83s\"").quoted()).isEqualTo("/Руs");
        // bytes that are not UTF-8 (a TLS hello sent to a plain port) stay byte by byte
        assertThat(new Cursor("\"\\x16\\x03\\x01\\xFF\"").quoted())
                .isEqualTo("\u0016\u0003\u0001\u00ff");
        assertThat(new Cursor("\"bad \\xZZ\"").quoted()).isEqualTo("bad \\xZZ");
    }

    @Test
    void unclosedOrMissingQuoteIsNull() {
        Cursor c = new Cursor("\"never closed");
        assertThat(c.quoted()).isNull();
        assertThat(c.position()).isZero();
        assertThat(new Cursor("plain").quoted()).isNull();
        assertThat(new Cursor("[open").bracketed()).isNull();
    }
}
