package dev.runtrail.cli.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of samples. */
public final class Percentiles {
    private final long[] sorted;

    public Percentiles(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("Percentiles need at least one sample, got none.");
        }
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    /**
     * The smallest sample such that at least {@code p} percent of the samples are less than or
     * equal to it (nearest rank), so it is always one of the measured values.
     */
    public long at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException(
                    "A percentile must be greater than 0 and at most 100, got " + p + ".");
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public int count() {
        return sorted.length;
    }

    public long min() {
        return sorted[0];
    }

    public long max() {
        return sorted[sorted.length - 1];
    }
}
