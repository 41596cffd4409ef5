package dev.runtrail.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin JobOptions job = new JobOptions();

    @Override
    public Integer call() throws Exception {
        Configuration settings = job.settings();
        return job.runFiles(
                "import",
                paths,
                settings,
                Targets.resolve(es, null, null, job.indexPrefix, settings));
    }
}
