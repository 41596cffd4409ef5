package dev.runtrail.cli;

import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.ParseCounts;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.StoredFile;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.EcsJson;
import dev.runtrail.model.Parsed;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runtrail parse}: parse files to ECS NDJSON without Flink or any service. */
@Command(
        name = "parse",
        description = {
            "Parse exports to ECS events, one JSON object per line.",
            "Detects the format of each file (or use --format). Dead letters (records that could"
                    + " not be parsed) go to --dead-letters, or are reported on stderr.",
            "Ends with a summary on stderr: read N, parsed M, dead-lettered K, X records/s."
        })
final class ParseCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseCommand.class);

    @Parameters(
            arity = "0..*",
            paramLabel = "PATH",
            description = "Files or directories (at least one, unless --list-formats).")
    List<Path> paths;

    @Option(
            names = "--format",
            paramLabel = "NAME",
            description = "Force this format for every file instead of detecting it.")
    String format;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write events here instead of stdout.")
    Path out;

    @Option(
            names = "--dead-letters",
            paramLabel = "FILE",
            description =
                    "Write dead letters (raw record, source, position, reason) as NDJSON here.")
    Path deadLetters;

    @Spec CommandSpec spec;

    @Option(names = "--list-formats", description = "List the formats and exit.")
    boolean listFormats;

    @Mixin ConfigMixin config = new ConfigMixin();

    @Override
    public Integer call() throws IOException {
        PrintStream err = System.err;
        config.load();
        if (listFormats) {
            Formats.all().forEach(f -> System.out.println(f.name() + "\t" + f.dataset()));
            return ExitCodes.OK;
        }
        if (paths == null || paths.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Missing required parameter: 'PATH'");
        }
        if (format != null && Formats.byName(format).isEmpty()) {
            err.println(
                    "runtrail parse: unknown format '"
                            + format
                            + "'; expected one of "
                            + Formats.names());
            return ExitCodes.USAGE;
        }
        List<InputFiles.InputFile> listed;
        try {
            listed = InputFiles.list(paths);
        } catch (IOException e) {
            err.println("runtrail parse: cannot read " + e.getMessage());
            return ExitCodes.IO;
        }
        ParseCounts total = new ParseCounts();
        boolean ioError = false;
        long started = System.nanoTime();
        List<Path> files = InputFiles.paths(listed);
        Progress progress = new Progress(err, InputFiles.totalSize(listed));
        try (Writer events = open(out);
                Writer dead = deadLetters == null ? null : open(deadLetters)) {
            long doneBytes = 0;
            for (Path file : files) {
                try {
                    ParseCounts counts = parseFile(file, events, dead, progress, doneBytes, total);
                    total.add(counts);
                    doneBytes += counts.bytes();
                } catch (IOException e) {
                    ioError = true;
                    err.println("runtrail parse: cannot read " + file + ": " + e.getMessage());
                }
            }
        }
        progress.finish();
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        err.println(
                String.format(
                        Locale.ROOT,
                        "read %d, parsed %d, dead-lettered %d, %.0f records/s",
                        total.read(),
                        total.events(),
                        total.deadLetters(),
                        total.read() / seconds));
        if (ioError) {
            return ExitCodes.IO;
        }
        return total.deadLetters() > 0 ? ExitCodes.DEAD_LETTERS : ExitCodes.OK;
    }

    private ParseCounts parseFile(
            Path file,
            Writer events,
            Writer dead,
            Progress progress,
            long doneBytes,
            ParseCounts total)
            throws IOException {
        ParseCounts counts = new ParseCounts();
        StoredFile stored = new StoredFile(file);
        try (RecordReader reader = FileParser.open(stored.input(), format)) {
            for (Parsed parsed; (parsed = reader.next()) != null; ) {
                EcsDocument doc = Documents.finish(parsed, Instant.now());
                if (parsed instanceof EcsDocument) {
                    counts.event();
                    events.write(EcsJson.toJson(doc));
                    events.write('\n');
                } else {
                    DeadLetter letter = (DeadLetter) parsed;
                    counts.deadLetter();
                    if (dead != null) {
                        dead.write(EcsJson.toJson(doc));
                        dead.write('\n');
                    } else {
                        LOG.warn(
                                "dead letter: {} at byte {}{}: {}",
                                letter.source().name(),
                                letter.position(),
                                letter.line() > 0 ? " (line " + letter.line() + ")" : "",
                                letter.reason());
                    }
                }
                if ((counts.read() & 1023) == 0) {
                    progress.update(doneBytes + stored.bytesRead(), total.read() + counts.read());
                }
            }
            counts.addBytes(stored.size());
        }
        return counts;
    }

    private static Writer open(Path path) throws IOException {
        if (path == null) {
            return new BufferedWriter(
                    new OutputStreamWriter(
                            new NonClosingStream(System.out), StandardCharsets.UTF_8),
                    1 << 16);
        }
        if (path.getParent() != null) {
            Files.createDirectories(path.getParent());
        }
        return Files.newBufferedWriter(path, StandardCharsets.UTF_8);
    }

    /** Lets the writer flush stdout at the end without closing it. */
    private static final class NonClosingStream extends java.io.FilterOutputStream {
        NonClosingStream(java.io.OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
