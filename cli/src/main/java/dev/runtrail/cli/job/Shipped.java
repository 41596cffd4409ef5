package dev.runtrail.cli.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

/**
 * What {@link RawShipper} sent: records per partition of each topic, partitions that got none
 * included. The stream job reads each partition in one subtask and parses its records there, so
 * this is how its parsing work is spread: records of one host or DAG (the key) always share a
 * partition, and a few busy keys can leave most subtasks idle.
 *
 * @param byPartition per topic, the records sent to each of its partitions (index = partition)
 */
public record Shipped(SortedMap<String, long[]> byPartition) {
    public long total() {
        return byPartition.values().stream().flatMapToLong(Arrays::stream).sum();
    }

    /**
     * One line per topic with its records and their share per partition, e.g. {@code
     * runtrail.raw.airflow: 213,026 records; by partition 0%, 100%}.
     */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        byPartition.forEach(
                (topic, counts) -> {
                    long sum = Arrays.stream(counts).sum();
                    List<String> shares = new ArrayList<>();
                    for (long n : counts) {
                        shares.add(Math.round(100.0 * n / Math.max(1, sum)) + "%");
                    }
                    lines.add(
                            String.format(
                                    Locale.ROOT,
                                    "%s: %,d records; by partition %s",
                                    topic,
                                    sum,
                                    String.join(", ", shares)));
                });
        return lines;
    }
}
