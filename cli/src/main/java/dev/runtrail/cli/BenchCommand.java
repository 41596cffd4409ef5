package dev.runtrail.cli;

import picocli.CommandLine.Command;

/** {@code runtrail bench}: measurements of the product on this machine. */
@Command(
        name = "bench",
        description = "Measure runtrail: correlation accuracy against ground truth, throughput.",
        subcommands = {AccuracyCommand.class})
final class BenchCommand {}
