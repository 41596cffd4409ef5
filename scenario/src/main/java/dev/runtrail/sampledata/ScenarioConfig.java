package dev.runtrail.sampledata;

import java.time.LocalDate;

/**
 * What to generate: the seed makes the world reproducible byte for byte; the other values set its
 * size. {@code scale} multiplies schedule frequency, manual triggers and background noise, so the
 * benchmarks can reach millions of events without more DAGs or hosts.
 */
public record ScenarioConfig(
        long seed, LocalDate startDate, int days, int dags, int hosts, double scale) {

    /** The small world bundled in {@code sample-data/}. */
    public static final ScenarioConfig BUNDLED =
            new ScenarioConfig(20240501L, LocalDate.of(2024, 5, 1), 1, 5, 3, 1.0);

    public ScenarioConfig {
        if (startDate == null) {
            throw new IllegalArgumentException("The start date must be set.");
        }
        if (days < 1) {
            throw new IllegalArgumentException(
                    "The scenario must cover at least one day, got " + days + ".");
        }
        if (dags < 1 || dags > 500) {
            throw new IllegalArgumentException(
                    "The number of DAGs must be between 1 and 500, got " + dags + ".");
        }
        if (hosts < 2 || hosts > 200) {
            throw new IllegalArgumentException(
                    "The number of Windows hosts must be between 2 and 200, got " + hosts + ".");
        }
        if (!(scale > 0 && scale <= 1000)) {
            throw new IllegalArgumentException(
                    "The scale must be greater than 0 and at most 1000, got " + scale + ".");
        }
    }

    public ScenarioConfig withSeed(long newSeed) {
        return new ScenarioConfig(newSeed, startDate, days, dags, hosts, scale);
    }
}
