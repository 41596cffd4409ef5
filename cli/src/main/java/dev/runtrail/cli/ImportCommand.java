package dev.runtrail.cli;

import dev.runtrail.cli.job.JobSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runtrail import}: bulk import of exports into a running Elasticsearch, with progress.
 * Document ids are deterministic, so importing the same files again changes nothing: an interrupted
 * import is resumed by running it again.
 */
@Command(
        name = "import",
        description = {
            "Import exports into Elasticsearch with a progress bar (bytes, records, ETA).",
            "Re-running an import indexes nothing twice: ids are derived from the records, so an"
                    + " interrupted import is resumed by running it again.",
            "Without --es, imports into the local node started by 'runtrail es start'."
        })
final class ImportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
    List<Path> paths;

    @Option(names = "--es", paramLabel = "URL", description = "Elasticsearch URL.")
    String es;

    @Option(
            names = "--format",
            paramLabel = "NAME",
            description = "Force this format for every file.")
    String format;

    @Option(
            names = "--index-prefix",
            defaultValue = "runtrail",
            description = "Index prefix (default: ${DEFAULT-VALUE}).")
    String indexPrefix;

    @Option(
            names = {"-p", "--parallelism"},
            defaultValue = "2",
            description = "Operator parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism;

    @Override
    public Integer call() throws Exception {
        for (Path input : paths) {
            if (!Files.exists(input)) {
                System.err.println(
                        "runtrail import: cannot read " + input + ": no such file or directory");
                return ExitCodes.IO;
            }
        }
        Targets.Resolved target = Targets.resolve(es, null, indexPrefix);
        JobSummary summary =
                JobRunner.runFiles(paths, format, parallelism, target, "runtrail import");
        Summaries.print(System.out, summary, target.description());
        return summary.deadLetters() > 0 ? ExitCodes.DEAD_LETTERS : ExitCodes.OK;
    }
}
