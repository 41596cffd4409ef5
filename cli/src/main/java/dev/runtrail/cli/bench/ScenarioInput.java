package dev.runtrail.cli.bench;

import dev.runtrail.sampledata.Scenario;
import dev.runtrail.sampledata.ScenarioConfig;
import dev.runtrail.sampledata.ScenarioCounts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Benchmark input from the seeded scenario generator: one probe day tells how many events a day
 * holds at the chosen scale, then enough days are generated to reach the wanted count.
 */
final class ScenarioInput implements AutoCloseable {
    private final Path dir;
    private final ScenarioCounts counts;
    private final boolean generated;

    private ScenarioInput(Path dir, ScenarioCounts counts, boolean generated) {
        this.dir = dir;
        this.counts = counts;
        this.generated = generated;
    }

    /** Files that already exist (a kept scenario, real exports); left in place on close. */
    static ScenarioInput existing(Path dir, PrintStream log) throws IOException {
        if (!Files.exists(dir)) {
            throw new IOException("Benchmark input " + dir + " does not exist.");
        }
        log.printf("input: %s (existing files)%n", dir);
        return new ScenarioInput(dir, null, false);
    }

    static ScenarioInput generate(long events, long seed, double scale, PrintStream log)
            throws IOException {
        Path dir = Files.createTempDirectory("runtrail-bench-");
        ScenarioConfig day =
                new ScenarioConfig(seed, ScenarioConfig.BUNDLED.startDate(), 1, 5, 3, scale);
        ScenarioCounts probe = Scenario.generate(day, dir);
        int days = daysFor(events, probe.totalEvents());
        long t0 = System.nanoTime();
        ScenarioCounts counts =
                days == 1
                        ? probe
                        : Scenario.generate(
                                new ScenarioConfig(
                                        seed,
                                        day.startDate(),
                                        days,
                                        day.dags(),
                                        day.hosts(),
                                        scale),
                                dir);
        log.printf(
                "input: scenario seed %d, scale %s, %d days: %d source records in %s (generated in"
                        + " %.1f s)%n",
                seed, scale, days, counts.totalEvents(), dir, (System.nanoTime() - t0) / 1e9);
        return new ScenarioInput(dir, counts, true);
    }

    /** Days needed so that {@code days * perDay} reaches the wanted count (at least one). */
    static int daysFor(long wanted, long perDay) {
        if (perDay <= 0) {
            throw new IllegalArgumentException(
                    "A scenario day must hold events; the probe day held " + perDay + ".");
        }
        return (int) Math.max(1, Math.min(3650, (wanted + perDay - 1) / perDay));
    }

    Path dir() {
        return dir;
    }

    /** What the generator wrote, or null for existing files. */
    ScenarioCounts counts() {
        return counts;
    }

    @Override
    public void close() throws IOException {
        if (generated) {
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
