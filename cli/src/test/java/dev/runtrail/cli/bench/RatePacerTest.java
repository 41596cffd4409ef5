package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatePacerTest {
    static final long START = 1_000_000_000L;
    static final long MS = 1_000_000L;

    @Test
    void dueCountFollowsElapsedTime() {
        RatePacer pacer = new RatePacer(5000, START);
        assertThat(pacer.dueAt(START)).isZero();
        assertThat(pacer.dueAt(START + MS)).isEqualTo(5);
        assertThat(pacer.dueAt(START + 999 * MS)).isEqualTo(4995);
        assertThat(pacer.dueAt(START + 60_000 * MS)).isEqualTo(300_000);
    }

    @Test
    void aLateWakeUpIsCaughtUpAtOnce() {
        RatePacer pacer = new RatePacer(1000, START);
        // A thread that slept 250 ms instead of 1 ms owes 250 records, not 1.
        assertThat(pacer.dueAt(START + 250 * MS)).isEqualTo(250);
    }

    @Test
    void clockBeforeTheStartOwesNothing() {
        assertThat(new RatePacer(1000, START).dueAt(START - 5 * MS)).isZero();
    }

    @Test
    void dueNanosIsTheInverseOfDueAt() {
        RatePacer pacer = new RatePacer(3000, START);
        for (long i : new long[] {0, 1, 2, 2999, 3000, 123_457}) {
            long at = pacer.dueNanos(i);
            assertThat(pacer.dueAt(at)).isGreaterThanOrEqualTo(i);
            assertThat(pacer.dueAt(at - 1)).isLessThanOrEqualTo(i);
        }
        assertThat(pacer.dueNanos(3000)).isEqualTo(START + 1_000_000_000L);
    }

    @Test
    void rejectsANonPositiveRate() {
        assertThatThrownBy(() -> new RatePacer(0, START))
                .hasMessage("The rate must be greater than 0 records/s, got 0.0.");
    }

    @Test
    void aProducerThatHasSentWhatIsDueWaitsInsteadOfSpinning() {
        RatePacer pacer = new RatePacer(2000, START);
        for (long now = START; now < START + 10 * MS; now += 37_000) {
            long sent = pacer.dueAt(now);
            long wait = pacer.waitNanos(sent, now);
            assertThat(wait).as("wait at %d ns with %d sent", now - START, sent).isPositive();
            assertThat(pacer.dueAt(now + wait)).isEqualTo(sent + 1);
        }
        assertThat(pacer.waitNanos(0, START)).isEqualTo(500_000);
    }
}
