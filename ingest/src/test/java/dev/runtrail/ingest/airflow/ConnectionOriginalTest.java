package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Masking of secrets in the raw record kept as {@code event.original}. */
class ConnectionOriginalTest {

    @Test
    void yamlOffsetsCountCodePoints() {
        String entry = "c:\n  description: \uD83D\uDD12 locked\n  password: pw-0001\n  host: h";
        String masked = ConnectionOriginal.maskYaml(entry);
        assertThat(masked)
                .isEqualTo("c:\n  description: \uD83D\uDD12 locked\n  password: '***'\n  host: h");
    }

    @Test
    void jsonPasswordWithEscapesIsCutOutWhole() {
        String raw = "\"c\": {\"password\": \"a\\\"b\\u0041c\", \"host\": \"h\"}";
        String masked =
                ConnectionOriginal.maskJson(raw.getBytes(StandardCharsets.UTF_8), raw.indexOf('{'));
        assertThat(masked).isEqualTo("\"c\": {\"password\": \"***\", \"host\": \"h\"}");
    }

    @Test
    void aRecordThatDoesNotParseIsMaskedWhole() {
        assertThat(ConnectionOriginal.maskYaml("c:\n  password: [x")).isEqualTo("***");
    }
}
