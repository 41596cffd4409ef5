package dev.runtrail.cli;

import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.ingest.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code runtrail run}: the bounded job over files, on an in-process Flink MiniCluster. */
@Command(
        name = "run",
        description = {
            "Run the audit job over files: parse, correlate, and write to Elasticsearch or to",
            "NDJSON files (one per kind: events, runs, attempts, sessions, alerts, deadletter).",
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
            names = "--format",
            paramLabel = "NAME",
            description = "Force this format for every file.")
    String format;

    @Option(
            names = "--kafka-out",
            paramLabel = "BOOTSTRAP",
            description =
                    "Also write documents to Kafka topics runtrail.<kind> (events, runs, ...).")
    String kafkaOut;

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Operator parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--index-prefix",
            defaultValue = "runtrail",
            description = "Index prefix (default: ${DEFAULT-VALUE}).")
    String indexPrefix;

    @Override
    public Integer call() throws Exception {
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                System.err.println(
                        "runtrail run: cannot read " + input + ": no such file or directory");
                return ExitCodes.IO;
            }
        }
        if (format != null && Formats.byName(format).isEmpty()) {
            System.err.println(
                    "runtrail run: unknown format '"
                            + format
                            + "'; expected one of "
                            + Formats.names());
            return ExitCodes.USAGE;
        }
        Targets.Resolved resolved = Targets.resolve(target.es, target.out, kafkaOut, indexPrefix);
        JobSummary summary =
                JobRunner.runFiles(inputs, format, parallelism, resolved, "runtrail run");
        Summaries.print(System.out, summary, resolved.description());
        return summary.deadLetters() > 0 ? ExitCodes.DEAD_LETTERS : ExitCodes.OK;
    }
}
