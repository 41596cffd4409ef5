package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {
    @Test
    void nearestRankOnOneToHundred() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = 100 - i; // unsorted on purpose
        }
        Percentiles p = new Percentiles(samples);
        assertThat(p.at(50)).isEqualTo(50);
        assertThat(p.at(99)).isEqualTo(99);
        assertThat(p.at(100)).isEqualTo(100);
        assertThat(p.at(0.5)).isEqualTo(1);
        assertThat(p.min()).isEqualTo(1);
        assertThat(p.max()).isEqualTo(100);
    }

    @Test
    void smallSetsRoundTheRankUp() {
        Percentiles p = new Percentiles(new long[] {30, 10, 20, 40});
        // rank = ceil(0.5 * 4) = 2 → 20; ceil(0.99 * 4) = 4 → 40; ceil(0.26 * 4) = 2 → 20
        assertThat(p.at(50)).isEqualTo(20);
        assertThat(p.at(99)).isEqualTo(40);
        assertThat(p.at(26)).isEqualTo(20);
        assertThat(p.at(25)).isEqualTo(10);
    }

    @Test
    void theInputArrayIsNotReordered() {
        long[] samples = {3, 1, 2};
        new Percentiles(samples);
        assertThat(samples).containsExactly(3, 1, 2);
    }

    @Test
    void rejectsEmptyInputAndOutOfRangePercentiles() {
        assertThatThrownBy(() -> new Percentiles(new long[0]))
                .hasMessage("Percentiles need at least one sample, got none.");
        Percentiles p = new Percentiles(new long[] {1});
        assertThatThrownBy(() -> p.at(0))
                .hasMessage("A percentile must be greater than 0 and at most 100, got 0.0.");
        assertThatThrownBy(() -> p.at(100.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
