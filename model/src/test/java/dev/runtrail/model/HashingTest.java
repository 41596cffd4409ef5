package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
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

    @Test
    void keysOfDifferentThingsNeverCollideOnTheSameParts() {
        assertThat(Keys.run("d", "r")).isNotEqualTo(Hashing.docId("d", "r"));
        assertThat(Keys.attempt("d", "r", "t", -1, 1))
                .isNotEqualTo(Keys.attempt("d", "r", "t", -1, 2));
        assertThat(Keys.session("win-db01", "0x3e7", 1000))
                .isNotEqualTo(Keys.session("win-db01", "0x3e7", 2000));
    }
}
