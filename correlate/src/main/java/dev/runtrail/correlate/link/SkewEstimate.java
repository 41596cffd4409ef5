package dev.runtrail.correlate.link;

import java.util.ArrayList;
import java.util.List;

/**
 * A host's clock offset against the workers, learned from unambiguous matches: logon time minus the
 * attempt's connect time. An attempt's later logons come after its connect line by more than the
 * first one, so the estimate is the lower quartile of the recent samples, not their mean. A Flink
 * POJO.
 */
public class SkewEstimate {
    /** Samples needed before the estimate is used. */
    public static final int MIN_SAMPLES = 3;

    /** Recent samples kept. */
    public static final int WINDOW = 16;

    public List<Long> samples = new ArrayList<>();

    public SkewEstimate() {}

    public void add(long sampleMillis) {
        if (samples.size() >= WINDOW) {
            samples.remove(0);
        }
        samples.add(sampleMillis);
    }

    /** The skew to apply, 0 until enough samples were seen. */
    public long offset() {
        if (samples.size() < MIN_SAMPLES) {
            return 0L;
        }
        List<Long> sorted = new ArrayList<>(samples);
        sorted.sort(null);
        return sorted.get((sorted.size() - 1) / 4);
    }
}
