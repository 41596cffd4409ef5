package dev.runtrail.cli;

import dev.runtrail.cli.job.JobSummary;
import dev.runtrail.ingest.Formats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that run the job over files ({@code run}, {@code import}). */
final class JobOptions {
    @Option(
            names = "--format",
            paramLabel = "NAME",
            description = "Force this format for every file.")
    String format;

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Operator parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Option(
            names = "--no-correlation",
            description =
                    "Ingest alone: parse and deliver events and dead letters, without building"
                            + " runs, attempts and sessions (bulk loads, or a correlation job that"
                            + " runs separately).")
    boolean noCorrelation;

    @Option(
            names = "--index-prefix",
            paramLabel = "PREFIX",
            description = "Index prefix (default: runtrail.es.index-prefix, else runtrail).")
    String indexPrefix;

    @Mixin ConfigMixin config = new ConfigMixin();

    /** The command's settings ({@code --config}, {@code -D}), checked. */
    Configuration settings() throws java.io.IOException {
        return config.load();
    }

    /**
     * Checks the inputs and the format, runs the bounded job and prints its summary.
     *
     * @return the exit code
     */
    int runFiles(String command, List<Path> inputs, Configuration settings, Targets.Resolved target)
            throws Exception {
        for (Path input : inputs) {
            if (!Files.exists(input)) {
                System.err.println(
                        "runtrail "
                                + command
                                + ": cannot read "
                                + input
                                + ": no such file or directory");
                return ExitCodes.IO;
            }
        }
        if (format != null && Formats.byName(format).isEmpty()) {
            System.err.println(
                    "runtrail "
                            + command
                            + ": unknown format '"
                            + format
                            + "'; expected one of "
                            + Formats.names());
            return ExitCodes.USAGE;
        }
        JobSummary summary =
                JobRunner.runFiles(
                        inputs,
                        format,
                        parallelism,
                        !noCorrelation,
                        settings,
                        target,
                        "runtrail " + command);
        Summaries.print(System.out, summary, target.description(), target.counts());
        return summary.deadLetters() > 0 ? ExitCodes.DEAD_LETTERS : ExitCodes.OK;
    }
}
