package dev.runtrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantTextTest {
    private static String format(Instant instant) {
        char[] out = new char[IsoInstantText.MAX_LENGTH];
        int n = IsoInstantText.format(instant, out);
        return n < 0 ? null : new String(out, 0, n);
    }

    /** The JDK's {@code Instant.toString} is the reference, over years 0000-9999. */
    @Test
    void matchesInstantToStringForRandomInstants() {
        Random random = new Random(7);
        long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        int[] nanoShapes = {0, 1_000_000, 1_000, 1};
        for (int i = 0; i < 200_000; i++) {
            long seconds = min + (long) (random.nextDouble() * (max - min));
            int shape = nanoShapes[random.nextInt(nanoShapes.length)];
            int nanos = shape == 0 ? 0 : random.nextInt(1_000_000_000 / shape) * shape;
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void edgesOfDaysMonthsAndLeapYearsMatchToo() {
        for (String text :
                new String[] {
                    "1970-01-01T00:00:00Z",
                    "1969-12-31T23:59:59.999999999Z",
                    "2000-02-29T12:00:00.100Z",
                    "2024-02-29T23:59:59.000001Z",
                    "2100-03-01T00:00:00Z",
                    "0000-01-01T00:00:00Z",
                    "9999-12-31T23:59:59.999Z"
                }) {
            Instant instant = Instant.parse(text);
            assertThat(format(instant)).isEqualTo(instant.toString());
        }
    }

    @Test
    void yearsBeyondFourDigitsAreLeftToTheJdk() {
        assertThat(format(Instant.parse("+10000-01-01T00:00:00Z"))).isNull();
        assertThat(format(Instant.parse("-0001-12-31T00:00:00Z"))).isNull();
    }
}
