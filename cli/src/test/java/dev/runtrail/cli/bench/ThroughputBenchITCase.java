package dev.runtrail.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code bench throughput --one-cluster}: the warm-up and the timed run go through one MiniCluster
 * started once, and each reads the whole scenario and writes every record it read; the read window
 * counts the records of either source.
 */
class ThroughputBenchITCase {
    private static final Pattern WARM = Pattern.compile("warm-up run 1 of 1: (\\d+) records");
    private static final Pattern TIMED =
            Pattern.compile(
                    "after 1 earlier run\\(s\\) in this JVM: read (\\d+) \\(events (\\d+), dead"
                            + " letters (\\d+)\\), wrote (\\d+) documents");

    private static final Pattern WINDOW =
            Pattern.compile(
                    "source read window (\\d+\\.\\d+) s \\(first to last record read, after"
                            + " (\\d+\\.\\d+) s start-up\\): (\\d+) records/s read");

    @ParameterizedTest
    @CsvSource({"files, ndjson", "kafka, kafka"})
    void theWarmUpAndTheTimedRunShareOneClusterAndCountEveryRecord(String source, String sink) {
        CapturedRun run =
                CapturedRun.of(
                        "bench",
                        "throughput",
                        "--source",
                        source,
                        "--sink",
                        sink,
                        "--events",
                        "3000",
                        "--no-correlation",
                        "--warmup",
                        "1",
                        "--runs",
                        "1",
                        "--one-cluster");
        String printed = run.out();
        String logged = run.err();

        assertThat(run.code()).as(printed + logged).isZero();
        Matcher warm = WARM.matcher(logged);
        assertThat(warm.find()).as(logged).isTrue();
        Matcher timed = TIMED.matcher(printed);
        assertThat(timed.find()).as(printed).isTrue();
        long read = Long.parseLong(timed.group(1));
        assertThat(read).isGreaterThan(2000).isEqualTo(Long.parseLong(warm.group(1)));
        assertThat(Long.parseLong(timed.group(2)) + Long.parseLong(timed.group(3))).isEqualTo(read);
        // ingest alone writes each record once: an event or a dead letter
        assertThat(Long.parseLong(timed.group(4))).isEqualTo(read);
        Matcher window = WINDOW.matcher(printed);
        assertThat(window.find()).as(printed).isTrue();
        assertThat(Double.parseDouble(window.group(1))).as(printed).isPositive();
        assertThat(Long.parseLong(window.group(3))).as(printed).isPositive();
    }
}
