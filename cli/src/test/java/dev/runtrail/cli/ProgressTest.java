package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aKnownTotalGivesTheFractionAndAnEta() {
        new Progress(err, 4L << 20).update(1L << 20, 1_234);

        // (not a terminal: one line per update, at most every few seconds)
        assertThat(printed())
                .startsWith("progress:  25.0%  1.0 MiB/4.0 MiB  1,234 records")
                .doesNotContain("ETA ?");
    }

    @Test
    void whileTheTotalIsUnknownTheBarShowsWhatWasReadWithoutAFractionOrEta() {
        new Progress(err, () -> -1L).update(3L << 10, 56);

        assertThat(printed())
                .startsWith("progress:   0.0%  3.0 KiB/?  56 records")
                .contains("ETA ?");
    }
}
