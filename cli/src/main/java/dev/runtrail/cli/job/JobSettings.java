package dev.runtrail.cli.job;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of the audit job, read once from the command line or configuration.
 *
 * @param inputs files and directories to read (bounded mode)
 * @param format a format to force, or null to detect per file
 * @param parallelism operator parallelism
 * @param outOfOrderness how late events may arrive and still count as in order
 * @param idleness after how long a quiet source stops holding back the watermark
 */
public record JobSettings(
        List<String> inputs,
        String format,
        int parallelism,
        Duration outOfOrderness,
        Duration idleness)
        implements Serializable {
    public JobSettings {
        Objects.requireNonNull(inputs, "inputs");
        if (parallelism < 1) {
            throw new IllegalArgumentException(
                    "Parallelism must be at least 1, got " + parallelism + ".");
        }
        inputs = List.copyOf(inputs);
    }

    /** Defaults for a bounded run over files. */
    public static JobSettings files(List<String> inputs, String format, int parallelism) {
        return new JobSettings(
                inputs, format, parallelism, Duration.ofSeconds(30), Duration.ofMinutes(1));
    }
}
