package dev.runtrail.correlate.link;

/**
 * A host's clock offset against the workers, learned from confidently matched pairs (logon time
 * minus the attempt's connect time): an exponentially weighted mean. A Flink POJO.
 */
public class SkewEstimate {
    /** Pairs needed before the estimate is used. */
    public static final int MIN_SAMPLES = 3;

    private static final double WEIGHT = 0.2;

    public long samples;
    public double meanMillis;

    public SkewEstimate() {}

    public void add(long sampleMillis) {
        meanMillis =
                samples == 0 ? sampleMillis : meanMillis + WEIGHT * (sampleMillis - meanMillis);
        samples++;
    }

    /** The skew to apply, 0 until enough pairs were seen. */
    public long offset() {
        return samples >= MIN_SAMPLES ? Math.round(meanMillis) : 0L;
    }
}
