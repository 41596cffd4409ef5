package dev.runtrail.ingest.windows.evtx.binxml;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every value type rendered as evtxexport prints it (shapes read from its reference output). */
class ValueFormatterTest {

    private static String format(int type, int... bytes) {
        ByteBuffer buf = ByteBuffer.allocate(bytes.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int b : bytes) {
            buf.put((byte) b);
        }
        return ValueFormatter.format(buf, type, 0, bytes.length);
    }

    @Test
    void integers() {
        assertEquals("-1", format(ValueType.INT8, 0xff));
        assertEquals("255", format(ValueType.UINT8, 0xff));
        assertEquals("-2", format(ValueType.INT16, 0xfe, 0xff));
        assertEquals("65534", format(ValueType.UINT16, 0xfe, 0xff));
        assertEquals("-1", format(ValueType.INT32, 0xff, 0xff, 0xff, 0xff));
        assertEquals("4294967295", format(ValueType.UINT32, 0xff, 0xff, 0xff, 0xff));
        assertEquals("-1", format(ValueType.INT64, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
        assertEquals(
                "18446744073709551615",
                format(ValueType.UINT64, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff));
        // size_t is printed in decimal (Security_with_size_t.evtx: ProcessId "4")
        assertEquals("4", format(ValueType.SIZE_T, 4, 0, 0, 0));
        assertEquals("4", format(ValueType.SIZE_T, 4, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void hexIntegersAreZeroPadded() {
        assertEquals("0x000003e7", format(ValueType.HEXINT32, 0xe7, 0x03, 0, 0));
        assertEquals(
                "0x00000000000003e7", format(ValueType.HEXINT64, 0xe7, 0x03, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void booleanBinaryGuidSid() {
        assertEquals("true", format(ValueType.BOOL, 1, 0, 0, 0));
        assertEquals("false", format(ValueType.BOOL, 0, 0, 0, 0));
        assertEquals("0A0BFF", format(ValueType.BINARY, 0x0a, 0x0b, 0xff));
        assertEquals(
                "{33221100-5544-7766-8899-AABBCCDDEEFF}",
                format(
                        ValueType.GUID,
                        0x00,
                        0x11,
                        0x22,
                        0x33,
                        0x44,
                        0x55,
                        0x66,
                        0x77,
                        0x88,
                        0x99,
                        0xaa,
                        0xbb,
                        0xcc,
                        0xdd,
                        0xee,
                        0xff));
        // revision 1, two sub-authorities, authority 5 (big-endian), 32 and 544
        assertEquals(
                "S-1-5-32-544",
                format(ValueType.SID, 1, 2, 0, 0, 0, 0, 0, 5, 32, 0, 0, 0, 0x20, 0x02, 0, 0));
    }

    @Test
    void times() {
        assertEquals(
                "1601-01-01T00:00:00.000000000Z",
                format(ValueType.FILETIME, 0, 0, 0, 0, 0, 0, 0, 0));
        // 2015-08-24T06:51:38.40625Z = 130848726984062500 100-ns ticks since 1601
        // ((1440399098 s since 1970) * 10^7 + 4062500 + 116444736000000000)
        long ticks = 130848726984062500L;
        int[] b = new int[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (int) (ticks >>> (8 * i)) & 0xff;
        }
        assertEquals("2015-08-24T06:51:38.406250000Z", format(ValueType.FILETIME, b));
        // year 2020, month 2, weekday 6, day 29, 13:14:15.123
        assertEquals(
                "2020-02-29T13:14:15.123Z",
                format(
                        ValueType.SYSTEMTIME,
                        0xe4,
                        0x07,
                        2,
                        0,
                        6,
                        0,
                        29,
                        0,
                        13,
                        0,
                        14,
                        0,
                        15,
                        0,
                        123,
                        0));
    }

    @Test
    void stringsDropTrailingNulsAndBadSurrogates() {
        assertEquals("ab", format(ValueType.STRING, 'a', 0, 'b', 0, 0, 0));
        assertEquals("é€", format(ValueType.STRING, 0xe9, 0, 0xac, 0x20));
        // a high surrogate followed by a non-surrogate: both become one U+FFFD, as libevtx does
        assertEquals("\uFFFDŒ", format(ValueType.STRING, 0x40, 0xd9, 0x1f, 0x5a, 0x52, 0x01));
        assertEquals("a\u00a6", format(ValueType.ANSI_STRING, 'a', 0xa6, 0));
    }

    @Test
    void arrays() {
        ByteBuffer buf = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        buf.putShort((short) 1).putShort((short) 2);
        assertEquals(
                List.of("1", "2"),
                ValueFormatter.arrayItems(buf, ValueType.UINT16 | ValueType.ARRAY, 0, 4));
        ByteBuffer s = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        s.put(new byte[] {'a', 0, 0, 0, 0, 0, 'b', 0, 0, 0});
        assertEquals(
                List.of("a", "", "b"),
                ValueFormatter.arrayItems(s, ValueType.STRING | ValueType.ARRAY, 0, 10));
        assertEquals("a,,b", ValueFormatter.format(s, ValueType.STRING | ValueType.ARRAY, 0, 10));
    }

    @Test
    void filetimeInstantIsTheInstantOfTheFixedWidthText() {
        java.util.Random random = new java.util.Random(20261202L);
        long[] edges = {
            0L,
            ValueFormatter.FILETIME_EPOCH_OFFSET,
            133_000_000_000_000_000L,
            2_650_467_743_999_999_999L, // 9999-12-31T23:59:59.9999999Z
            2_650_467_744_000_000_000L, // 10000-01-01
            -504_911_232_000_000_000L, // 0000-01-01
            -504_911_232_000_000_001L,
            Long.MIN_VALUE,
            Long.MAX_VALUE
        };
        for (int i = 0; i < edges.length + 2000; i++) {
            long ticks = i < edges.length ? edges[i] : random.nextLong();
            String text = ValueFormatter.filetime(ticks);
            java.time.Instant instant = ValueFormatter.filetimeInstant(ticks);
            if (text.length() == 30) {
                assertEquals(java.time.Instant.parse(text), instant, text);
            } else {
                assertEquals(null, instant, text);
            }
        }
    }
}
