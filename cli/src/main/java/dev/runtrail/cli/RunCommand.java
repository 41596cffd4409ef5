package dev.runtrail.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code runtrail run}: the bounded job over files, on an in-process Flink MiniCluster. */
@Command(
        name = "run",
        description = {
            "Run the audit job over files: parse, correlate, write to Elasticsearch or NDJSON.",
            "NDJSON goes to one file or part-file directory per kind under --out: events, runs,"
                    + " attempts, sessions, alerts, deadletter.",
            "Without --es or --out, writes to the local node started by 'runtrail es start'."
        })
final class RunCommand implements Callable<Integer> {
    @Option(
            names = {"-i", "--input"},
            arity = "1..*",
            required = true,
            paramLabel = "PATH",
            description = "Files or directories to read.")
    List<Path> inputs;

    @ArgGroup(exclusive = true)
    Target target = new Target();

    static final class Target {
        @Option(names = "--es", paramLabel = "URL", description = "Elasticsearch URL.")
        String es;

        @Option(names = "--out", paramLabel = "DIR", description = "Write NDJSON files here.")
        Path out;
    }

    @Option(
            names = "--kafka-out",
            paramLabel = "BOOTSTRAP",
            description =
                    "Also write documents to Kafka topics runtrail.<kind> (events, runs, ...).")
    String kafkaOut;

    @Mixin JobOptions job = new JobOptions();

    @Option(
            names = "--watch",
            paramLabel = "INTERVAL",
            arity = "0..1",
            fallbackValue = "PT10S",
            description =
                    "Keep watching the input directories for new exports (ISO-8601 interval,"
                            + " default PT10S when given without a value); runs until stopped.")
    java.time.Duration watch;

    @Override
    public Integer call() throws Exception {
        Configuration settings = job.settings();
        Targets.Resolved resolved =
                Targets.resolve(target.es, target.out, kafkaOut, job.indexPrefix, settings);
        if (watch != null) {
            JobRunner.watchFiles(
                    inputs,
                    job.format,
                    job.parallelism,
                    !job.noCorrelation,
                    settings,
                    resolved,
                    watch);
            return ExitCodes.OK;
        }
        return job.runFiles("run", inputs, settings, resolved);
    }
}
