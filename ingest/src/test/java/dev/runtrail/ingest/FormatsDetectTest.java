package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Detection goes on when one format's sniffing throws. */
class FormatsDetectTest {
    /** A format that claims everything with a fixed score, or throws when told to. */
    private record Claiming(String name, int score, boolean throwing) implements Format {
        @Override
        public String dataset() {
            return "test";
        }

        @Override
        public int sniff(String fileName, byte[] head) {
            if (throwing) {
                throw new IllegalStateException("sniffer bug");
            }
            return score;
        }

        @Override
        public RecordReader open(InputSource input) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void aSnifferThatThrowsClaimsNothingAndTheOthersStillCount() {
        byte[] head = "some line\n".getBytes(StandardCharsets.UTF_8);
        Format low = new Claiming("low", 10, false);
        Format broken = new Claiming("broken", 0, true);
        Format high = new Claiming("high", 50, false);

        assertThat(Formats.detect("x.log", head, List.of(low, broken, high))).containsSame(high);
        assertThat(Formats.detect("x.log", head, List.of(broken, low))).containsSame(low);
        assertThat(Formats.detect("x.log", head, List.of(broken))).isEmpty();
    }
}
