package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.SourceRef;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dead letters whose raw bytes are not text keep them as base64: secrets spelled by text inside the
 * bytes are masked byte for byte before the encoding, and the base64 itself is never rewritten (a
 * rule matching it would corrupt the bytes and hide nothing).
 */
class DeadLetterRedactionTest {
    private static final SourceRef SOURCE = SourceRef.of("/exports/damaged.bin");

    @Test
    void secretsSpelledInLatin1OrUtf16AreMaskedInTheBytesAndNothingElseChanges() {
        // not UTF-8; puts the UTF-16 at an odd offset after a NUL (a letter before "net" would
        // leave the rule's word boundary unmet)
        byte[] head = {(byte) 0xC0, 0x00, 0x00};
        String command = "net use \\\\fs01\\c$ /user:corp\\adm P@ssw0rd now";
        String keyValue = "conn;password=hunter2;port=5432";
        byte[] raw =
                concat(
                        head,
                        command.getBytes(StandardCharsets.UTF_16LE),
                        new byte[] {(byte) 0x80, 0x01},
                        keyValue.getBytes(StandardCharsets.ISO_8859_1));
        // the same bytes, written with each secret's characters as '*' in its own encoding
        byte[] expected =
                concat(
                        head,
                        command.replace("P@ssw0rd", "********").getBytes(StandardCharsets.UTF_16LE),
                        new byte[] {(byte) 0x80, 0x01},
                        keyValue.replace("hunter2", "*******")
                                .getBytes(StandardCharsets.ISO_8859_1));

        EcsDocument doc = Documents.finish(deadLetter(raw), Instant.EPOCH);

        byte[] shown = Base64.getDecoder().decode(doc.getString(Ecs.RUNTRAIL_RAW_BASE64));
        assertThat(HexFormat.of().formatHex(shown)).isEqualTo(HexFormat.of().formatHex(expected));
        assertThat(doc.get(Ecs.RUNTRAIL_REDACTED))
                .isEqualTo(List.of("password-key-value", "net-use-password"));
        assertThat(doc.getString(Ecs.EVENT_HASH)).isEqualTo(Hashing.sha256Hex(raw));
        assertThat(doc.getLong("runtrail.raw.length")).isEqualTo(raw.length);
    }

    @Test
    void base64ThatLooksLikeASecretIsTheRawBytesUnchanged() {
        // bytes whose base64 starts with what the AWS access key rule matches; the bytes spell
        // nothing (0xA2 cannot start UTF-8, so they stay binary)
        byte[] raw = Base64.getDecoder().decode("AKIAABCDEFGHIJKLMNOP////");

        EcsDocument doc = Documents.finish(deadLetter(raw), Instant.EPOCH);

        assertThat(doc.getString(Ecs.RUNTRAIL_RAW_BASE64)).isEqualTo("AKIAABCDEFGHIJKLMNOP////");
        assertThat(doc.has(Ecs.RUNTRAIL_REDACTED)).isFalse();
    }

    @Test
    void textRawIsRedactedAsText() {
        byte[] raw = "2024-05-01 login password=hunter2 ok".getBytes(StandardCharsets.UTF_8);

        EcsDocument doc = Documents.finish(deadLetter(raw), Instant.EPOCH);

        assertThat(doc.getString(Ecs.EVENT_ORIGINAL))
                .isEqualTo("2024-05-01 login password=[REDACTED] ok");
        assertThat(doc.has(Ecs.RUNTRAIL_RAW_BASE64)).isFalse();
        assertThat(doc.get(Ecs.RUNTRAIL_REDACTED)).isEqualTo(List.of("password-key-value"));
    }

    private static DeadLetter deadLetter(byte[] raw) {
        return DeadLetter.of(SOURCE, 4096, 0, "evtx", "Damaged on purpose.", raw);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
