package dev.runtrail.cli;

import dev.runtrail.cli.job.RawShipper;
import dev.runtrail.cli.job.Shipped;
import dev.runtrail.ingest.InputFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code runtrail ship}: puts raw records from files onto the {@code runtrail.raw.*} topics, one
 * Kafka record per raw record, with the file path, byte offset and format in headers, so that the
 * streaming job produces the same events and ids as a file import.
 */
@Command(
        name = "ship",
        description = {
            "Put raw records from files onto Kafka (runtrail.raw.airflow, .windows, .proxy).",
            "Each record keeps its file path, byte offset and format in headers. EVTX records are"
                    + " shipped as their rendered event XML."
        })
final class ShipCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories.")
    List<Path> paths;

    @Option(
            names = "--kafka",
            required = true,
            paramLabel = "BOOTSTRAP",
            description = "Kafka bootstrap servers.")
    String bootstrap;

    @Option(
            names = "--format",
            paramLabel = "NAME",
            description = "Force this format for every file.")
    String format;

    @Override
    public Integer call() throws Exception {
        List<InputFiles.InputFile> listed = InputFiles.list(paths);
        List<Path> files = InputFiles.paths(listed);
        Progress progress = new Progress(System.err, InputFiles.totalSize(listed));
        Shipped sent;
        try {
            sent = RawShipper.ship(files, bootstrap, format, progress::update);
        } catch (IOException e) {
            progress.finish();
            System.err.println(
                    "runtrail ship: sending to " + bootstrap + " failed: " + e.getMessage());
            return ExitCodes.IO;
        }
        progress.finish();
        System.err.printf(
                Locale.ROOT,
                "shipped %,d records from %,d files to %s (the stream job parses each partition"
                        + " in one subtask):%n",
                sent.total(),
                files.size(),
                bootstrap);
        sent.describe().forEach(line -> System.err.println("  " + line));
        return ExitCodes.OK;
    }
}
