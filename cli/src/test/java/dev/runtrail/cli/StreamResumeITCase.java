package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runtrail.cli.job.LaterProxyLines;
import dev.runtrail.cli.job.RawShipper;
import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.InputFiles;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.local.junit.KafkaBroker;
import dev.runtrail.local.junit.RealKafka;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Kind;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runtrail stream --checkpoint-dir} as an operator runs it: a real process, killed (SIGKILL)
 * after the Windows and proxy records were processed and checkpointed, then started again with the
 * same command line after the Airflow logs were shipped (and a few {@link LaterProxyLines} that
 * move event time on). The restarted job must resume from the checkpoint: every record delivered
 * exactly once, and the DAG run attributed to the user whose proxy request only the first process
 * saw, as in a batch run over the same files.
 */
@RealKafka
class StreamResumeITCase {
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir Path work;
    private final List<Process> processes = new ArrayList<>();
    private final java.util.Map<Process, Path> logs = new java.util.HashMap<>();

    @AfterEach
    void killLeftovers() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledStreamResumesFromItsCheckpointAndEndsLikeABatchRun(KafkaBroker kafka)
            throws Exception {
        String root = System.getProperty("runtrail.root");
        assumeTrue(root != null, "system property runtrail.root is not set");
        Path scenario = Path.of(root, "sample-data");
        Path jar = Path.of(root, "cli", "target", "runtrail.jar");
        assumeTrue(Files.isDirectory(scenario), "bundled scenario absent: " + scenario);
        assumeTrue(Files.isRegularFile(jar), "the CLI jar is not built: " + jar);
        List<Path> first =
                List.of(
                        scenario.resolve("windows/WIN-FS01-Security.xml"),
                        scenario.resolve("proxy/oauth2-proxy.log"));
        List<Path> second = List.of(scenario.resolve("airflow/logs/dag_id=app_config_deploy"));
        List<Path> all = new ArrayList<>(first);
        all.addAll(second);
        long firstEvents = events(first);
        Path out = work.resolve("out");
        Path checkpoints = work.resolve("checkpoints");
        String group = "resume-" + System.nanoTime();
        List<String> command =
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-jar",
                        jar.toString(),
                        "stream",
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--group",
                        group,
                        "--out",
                        out.toString(),
                        "--checkpoint-dir",
                        checkpoints.toString(),
                        "--checkpoint-interval",
                        "PT1S",
                        "-p",
                        "1");

        RawShipper.ship(InputFiles.expand(first), kafka.bootstrapServers(), null, (b, n) -> {});
        Process a = start(command, work.resolve("first.log"));
        await("the first part's events", () -> lines(out, Kind.EVENTS) >= firstEvents, a);
        long seen = System.currentTimeMillis();
        await(
                "a checkpoint after the first part",
                () ->
                        RetainedCheckpoints.latest(checkpoints)
                                .map(
                                        c ->
                                                c.resolve("_metadata").toFile().lastModified()
                                                        > seen + 1000)
                                .orElse(false),
                a);
        a.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        RawShipper.ship(InputFiles.expand(second), kafka.bootstrapServers(), null, (b, n) -> {});
        Process b = start(command, work.resolve("second.log"));
        await("the second part's first events", () -> lines(out, Kind.EVENTS) > firstEvents, b);
        Path later = LaterProxyLines.write(work.resolve("later"));
        RawShipper.ship(List.of(later), kafka.bootstrapServers(), null, (b2, n) -> {});
        all.add(later);
        long allEvents = events(all);
        await("every event", () -> lines(out, Kind.EVENTS) >= allEvents, b);
        Path reference = work.resolve("batch");
        assertThat(
                        Runtrail.execute(
                                "run",
                                "--input",
                                all.get(0).toString(),
                                all.get(1).toString(),
                                all.get(2).toString(),
                                all.get(3).toString(),
                                "--out",
                                reference.toString()))
                .isIn(ExitCodes.OK, ExitCodes.DEAD_LETTERS);
        RecordCounts expected = RecordCounts.fromNdjson(reference);
        // the trigger (a proxy request, first part) joins its DAG run (Airflow, second part) only
        // if the first process's state survived
        assertThat(expected.humanRuns()).isPositive();
        assertThat(expected.sessions()).isPositive();
        await(
                "the runs and attempts of the batch run",
                () ->
                        counts(out).humanRuns() >= expected.humanRuns()
                                && counts(out).attempts() >= expected.attempts(),
                b);
        b.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        assertThat(Files.readString(work.resolve("second.log")))
                .contains("Resuming from checkpoint " + checkpoints);
        List<String> ids =
                NdjsonOutput.read(out, Kind.EVENTS).stream().map(EcsDocument::id).toList();
        assertThat(ids).hasSize((int) allEvents).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids))
                .isEqualTo(
                        new HashSet<>(
                                NdjsonOutput.read(reference, Kind.EVENTS).stream()
                                        .map(EcsDocument::id)
                                        .toList()));
        RecordCounts resumed = counts(out);
        assertThat(resumed.attempts()).isEqualTo(expected.attempts());
        assertThat(resumed.linkedSessions()).isEqualTo(expected.linkedSessions());
        assertThat(resumed.runs()).isEqualTo(expected.runs());
        assertThat(resumed.humanRuns()).isEqualTo(expected.humanRuns());
        assertThat(resumed.sessions()).isEqualTo(expected.sessions());
    }

    private Process start(List<String> command, Path log) throws IOException {
        Process p =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .start();
        processes.add(p);
        logs.put(p, log);
        return p;
    }

    private static RecordCounts counts(Path out) {
        try {
            return RecordCounts.fromNdjson(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lines(Path out, Kind kind) {
        try {
            long n = 0;
            for (Path file : NdjsonOutput.files(out, kind)) {
                try (var lines = Files.lines(file)) {
                    n += lines.filter(l -> !l.isBlank()).count();
                }
            }
            return n;
        } catch (IOException e) {
            return 0; // not written yet
        }
    }

    /** Events (not dead letters) the parsers make of these files. */
    private static long events(List<Path> paths) throws IOException {
        long n = 0;
        for (Path file : InputFiles.expand(paths)) {
            try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
                for (Parsed parsed; (parsed = reader.next()) != null; ) {
                    if (parsed instanceof EcsDocument) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private void await(String what, BooleanSupplier condition, Process process)
            throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Gave up awaiting "
                                + what
                                + (process.isAlive() ? " after " + TIMEOUT : ": the process ended")
                                + "; output so far: "
                                + lines(work.resolve("out"), Kind.EVENTS)
                                + " events, "
                                + lines(work.resolve("out"), Kind.ATTEMPTS)
                                + " attempt lines, "
                                + lines(work.resolve("out"), Kind.SESSIONS)
                                + " session lines; the process said:\n"
                                + tail(process));
            }
            Thread.sleep(200);
        }
    }

    private String tail(Process process) {
        Path log = logs.get(process);
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
