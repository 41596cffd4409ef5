package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterTest {
    private static final SourceRef SOURCE = SourceRef.of("/logs/access.log");
    private static final Instant NOW = Instant.parse("2024-05-01T00:00:00Z");

    @Test
    void textRawRecordsAreKeptAsTextWithPositionAndReason() {
        byte[] raw = "garbage line".getBytes(StandardCharsets.UTF_8);
        EcsDocument doc =
                DeadLetter.of(SOURCE, 1234, 7, "nginx-combined", "Expected a quoted request.", raw)
                        .toDocument(NOW);

        assertThat(doc.kind()).isEqualTo(Kind.DEADLETTER);
        assertThat(doc.getString(Ecs.EVENT_ORIGINAL)).isEqualTo("garbage line");
        assertThat(doc.getString(Ecs.ERROR_MESSAGE)).isEqualTo("Expected a quoted request.");
        assertThat(doc.getLong(Ecs.RUNTRAIL_SOURCE_POSITION)).isEqualTo(1234L);
        assertThat(doc.getLong("runtrail.source.line")).isEqualTo(7L);
        assertThat(doc.getString(Ecs.RUNTRAIL_SOURCE)).isEqualTo("/logs/access.log");
        assertThat(doc.getString(Ecs.EVENT_HASH)).isEqualTo(Hashing.sha256Hex(raw));
        assertThat(doc.get("runtrail.raw.truncated")).isEqualTo(false);
    }

    @Test
    void binaryRawRecordsAreKeptAsBase64() {
        byte[] raw = {(byte) 0xff, (byte) 0xfe, 0x00, 0x41};
        EcsDocument doc =
                DeadLetter.of(SOURCE, 0, 0, "evtx", "Bad chunk magic.", raw).toDocument(NOW);

        assertThat(doc.has(Ecs.EVENT_ORIGINAL)).isFalse();
        assertThat(Base64.getDecoder().decode(doc.getString("runtrail.raw.base64"))).isEqualTo(raw);
    }

    @Test
    void hugeRecordsKeepTheirFirstMegabyteButHashAndLengthOfTheWhole() {
        byte[] huge = new byte[DeadLetter.MAX_RAW_BYTES + 10];
        DeadLetter letter = DeadLetter.of(SOURCE, 0, 1, "airflow", "Too long.", huge);

        assertThat(letter.raw()).hasSize(DeadLetter.MAX_RAW_BYTES);
        assertThat(letter.rawLength()).isEqualTo(huge.length);
        assertThat(letter.rawSha256()).isEqualTo(Hashing.sha256Hex(huge));
        assertThat(letter.toDocument(NOW).get("runtrail.raw.truncated")).isEqualTo(true);
    }

    @Test
    void theSamePositionInTheSameSourceGivesTheSameId() {
        byte[] raw = {1};
        assertThat(DeadLetter.of(SOURCE, 5, 1, "f", "r1", raw).id())
                .isEqualTo(DeadLetter.of(SOURCE, 5, 1, "f", "r2", raw).id())
                .isNotEqualTo(DeadLetter.of(SOURCE, 6, 1, "f", "r1", raw).id());
    }
}
