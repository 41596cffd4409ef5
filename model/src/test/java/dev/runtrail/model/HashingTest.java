package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HashingTest {

    @Test
    void sha256MatchesTheKnownDigestOfAbc() {
        // FIPS 180-2 test vector for "abc".
        assertThat(Hashing.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    @Test
    void docIdsAreStableAndSeparateTheirParts() {
        assertThat(Hashing.docId("a", "bc")).isEqualTo(Hashing.docId("a", "bc")).hasSize(32);
        assertThat(Hashing.docId("a", "bc")).isNotEqualTo(Hashing.docId("ab", "c"));
        assertThat(Hashing.docId("x", null)).isNotEqualTo(Hashing.docId("x", "null"));
    }

    /**
     * Expected values from Python's hashlib over the documented layout (each part as a 4-byte
     * big-endian length and its UTF-8 bytes, null as "\0null"; first 16 bytes of the digest).
     */
    @Test
    void docIdMatchesAnIndependentComputation() {
        assertThat(
                        Hashing.docId(
                                "winlog",
                                "win-01.corp.example",
                                "security",
                                "1000000",
                                "2024-05-01T12:00:00Z"))
                .isEqualTo("72a51b24a2dd12ac358ba8c8e53e8abb");
        // a non-ASCII part, null, an empty part and one longer than the id buffer's usual use
        assertThat(Hashing.docId("h\u00f6st", null, "", "x".repeat(300)))
                .isEqualTo("85f1ac1fcc537a0549d1b1030dc049e1");
        // a part too long for the buffer goes around it
        assertThat(Hashing.docId("x".repeat(600), "y"))
                .isEqualTo("7c7896e162ad83f2defeaa94a4a655e5");
    }

    /** Expected values from Python's hashlib over the same layout as above. */
    @Test
    void idBuilderGivesTheDocIdOfTheSameParts() {
        // lower-cased on the way in, a number and an instant written as their text
        assertThat(
                        Hashing.idBuilder()
                                .part("winlog")
                                .lowerCasePart("WIN-01.Corp.Example")
                                .lowerCasePart("Security")
                                .part(1_000_000L)
                                .part(Instant.parse("2024-05-01T12:00:00Z"))
                                .build())
                .isEqualTo("72a51b24a2dd12ac358ba8c8e53e8abb");
        assertThat(
                        Hashing.idBuilder()
                                .lowerCasePart("H\u00d6ST")
                                .part((String) null)
                                .part("")
                                .part("x".repeat(300))
                                .build())
                .isEqualTo("85f1ac1fcc537a0549d1b1030dc049e1");
        // a negative number, nanoseconds, a non-ASCII part that lower-cases
        assertThat(
                        Hashing.idBuilder()
                                .part("winlog")
                                .lowerCasePart("H\u00d6ST-I")
                                .part(-42L)
                                .part(Instant.parse("2024-05-01T12:00:03.123456789Z"))
                                .build())
                .isEqualTo("814431f720634f488c83de7fc6202a5a");
        // parts longer than the builder's first buffer
        assertThat(Hashing.idBuilder().part("x".repeat(600)).part("y").build())
                .isEqualTo("7c7896e162ad83f2defeaa94a4a655e5");
        // a year Instant.toString writes with a sign
        assertThat(Hashing.idBuilder().part(Instant.parse("+10000-01-01T00:00:00Z")).build())
                .isEqualTo("2e6eea3b573a24d127941af5a64587c7");
        // null lower-cases to the empty part; extreme numbers as Long.toString writes them
        assertThat(Hashing.idBuilder().lowerCasePart(null).build()).isEqualTo(Hashing.docId(""));
        for (long n : new long[] {0, 9, 10, Long.MAX_VALUE, Long.MIN_VALUE, -1}) {
            assertThat(Hashing.idBuilder().part(n).build())
                    .as("%d", n)
                    .isEqualTo(Hashing.docId(Long.toString(n)));
        }
    }

    /** Instants in one second, across seconds and days, as Instant.toString writes them. */
    @Test
    void idBuilderWritesEveryInstantOfASequenceAsItsText() {
        String[] times = {
            "2024-05-01T12:00:03.123Z",
            "2024-05-01T12:00:03Z",
            "2024-05-01T12:00:03.000001Z",
            "2024-05-01T12:00:03.999999999Z",
            "2024-05-01T12:00:04.5Z",
            "+10000-01-01T00:00:00Z",
            "2024-05-01T12:00:04.25Z",
            "1969-12-31T23:59:59.9Z",
            "2024-05-02T12:00:04.25Z"
        };
        for (String time : times) {
            Instant instant = Instant.parse(time);
            assertThat(Hashing.idBuilder().part("t").part(instant).build())
                    .as(time)
                    .isEqualTo(Hashing.docId("t", instant.toString()));
        }
    }

    /** Lower-cased parts repeat as the same Strings; any order of them gives docId's ids. */
    @Test
    void idBuilderLowerCasesRepeatedAndAlternatingParts() {
        String[] names = {"WIN-01.Corp", "Security", "H\u00d6ST", "", "System", "win-01.corp"};
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            String a = names[random.nextInt(names.length)];
            String b = names[random.nextInt(names.length)];
            assertThat(Hashing.idBuilder().lowerCasePart(a).part(i).lowerCasePart(b).build())
                    .as("%s %s", a, b)
                    .isEqualTo(
                            Hashing.docId(
                                    a.toLowerCase(java.util.Locale.ROOT),
                                    Integer.toString(i),
                                    b.toLowerCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    void keysOfDifferentThingsNeverCollideOnTheSameParts() {
        assertThat(Keys.run("d", "r")).isNotEqualTo(Hashing.docId("d", "r"));
        assertThat(Keys.attempt("d", "r", "t", -1, 1))
                .isNotEqualTo(Keys.attempt("d", "r", "t", -1, 2));
        assertThat(Keys.session("win-db01", "0x3e7", 1000))
                .isNotEqualTo(Keys.session("win-db01", "0x3e7", 2000));
    }
}
