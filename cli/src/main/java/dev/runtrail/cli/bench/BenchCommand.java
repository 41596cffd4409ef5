package dev.runtrail.cli.bench;

import dev.runtrail.cli.AccuracyCommand;
import picocli.CommandLine.Command;

/** {@code runtrail bench}: measurement harnesses for throughput, latency and correlation. */
@Command(
        name = "bench",
        description = {
            "Measure runtrail on this machine: end-to-end throughput into each sink, event →"
                    + " searchable latency, and correlation alone.",
            "Each harness prints events/s, peak heap and RSS, and the CPU split between this JVM"
                    + " and Elasticsearch where one is involved."
        },
        subcommands = {
            AccuracyCommand.class,
            ThroughputBench.class,
            LatencyBench.class,
            CorrelationBench.class,
            ElasticsearchAloneBench.class
        })
public final class BenchCommand {}
