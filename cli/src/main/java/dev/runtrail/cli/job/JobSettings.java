package dev.runtrail.cli.job;

import dev.runtrail.correlate.CorrelationOptions;
import dev.runtrail.correlate.CorrelationSettings;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.flink.configuration.Configuration;

/**
 * Settings of the audit job, read once from the command line or configuration.
 *
 * @param inputs files and directories to read (bounded mode)
 * @param format a format to force, or null to detect per file
 * @param parallelism operator parallelism
 * @param outOfOrderness how late events may arrive and still count as in order
 * @param idleness after how long a quiet source stops holding back the watermark
 * @param correlation correlation settings (TTLs, tolerances, inventories)
 * @param correlate whether to build runs, attempts and sessions; without it the job is the ingest
 *     stage alone (events and dead letters), e.g. for a bulk import or a separate correlation job
 */
public record JobSettings(
        List<String> inputs,
        String format,
        int parallelism,
        Duration outOfOrderness,
        Duration idleness,
        CorrelationSettings correlation,
        boolean correlate)
        implements Serializable {
    public JobSettings {
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(correlation, "correlation");
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "Parallelism must be at least 1, got " + parallelism + ".");
        }
        inputs = List.copyOf(inputs);
    }

    /** Defaults for a run over files (or a stream), correlation included. */
    public static JobSettings files(List<String> inputs, String format, int parallelism) {
        return from(inputs, format, parallelism, new Configuration());
    }

    /**
     * Settings from a Flink configuration ({@link CorrelationOptions}). Event time is assigned at
     * the source, so correlation does not assign watermarks again.
     */
    public static JobSettings from(
            List<String> inputs, String format, int parallelism, Configuration conf) {
        Configuration c = new Configuration(conf);
        c.set(CorrelationOptions.ASSIGN_WATERMARKS, false);
        return new JobSettings(
                inputs,
                format,
                parallelism,
                c.get(CorrelationOptions.OUT_OF_ORDERNESS),
                c.get(CorrelationOptions.IDLENESS),
                CorrelationSettings.from(c),
                true);
    }

    /** These settings with correlation on or off. */
    public JobSettings withCorrelation(boolean on) {
        return new JobSettings(
                inputs, format, parallelism, outOfOrderness, idleness, correlation, on);
    }
}
