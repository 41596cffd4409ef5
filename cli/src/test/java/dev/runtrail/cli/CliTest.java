package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's contract: exit codes, summary line, NDJSON on stdout, dead letters aside. */
class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream originalOut;
    private PrintStream originalErr;

    @TempDir Path dir;

    @BeforeEach
    void capture() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(originalOut);
        System.setErr(originalErr);
        RuntrailConfig.applyParserSettings(new org.apache.flink.configuration.Configuration());
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpListsTheSubcommandsAndTheExitCodes() {
        int code = Runtrail.execute("--help");

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(stdout())
                .contains(
                        "parse",
                        "es",
                        "Exit codes:",
                        "3   finished, but some records were dead-lettered");
    }

    @Test
    void everySubcommandAnswersHelp() {
        for (String[] command :
                new String[][] {
                    {"parse", "--help"},
                    {"run", "--help"},
                    {"es", "start", "--help"},
                    {"bench", "--help"},
                    {"setup", "--help"}
                }) {
            assertThat(Runtrail.execute(command))
                    .as(String.join(" ", command))
                    .isEqualTo(ExitCodes.OK);
        }
        assertThat(stdout())
                .contains(
                        "Usage: runtrail parse",
                        "Usage: runtrail es start",
                        "accuracy",
                        "Usage: runtrail setup");
    }

    @Test
    void aLogFilenameTemplateFromTheSettingsNamesTheAttempt() throws Exception {
        // a layout none of the built-in templates knows, and lines that name neither dag nor task
        Path log =
                dir.resolve(
                        "logs/etl_daily/extract/scheduled__2024-05-01T00:00:00+00:00/attempt-2.log");
        Files.createDirectories(log.getParent());
        Files.writeString(
                log,
                "[2024-05-01, 00:00:05 UTC] {taskinstance.py:2193} INFO - Starting attempt 2 of 3\n"
                        + "[2024-05-01, 00:00:06 UTC] {extract.py:12} INFO - Reading the export\n");
        String template =
                "{{ ti.dag_id }}/{{ ti.task_id }}/{{ ti.run_id }}/attempt-{{ try_number }}.log";

        int withoutTemplate = Runtrail.execute("parse", log.toString());
        String plain = stdout();
        out.reset();
        int withTemplate =
                Runtrail.execute(
                        "parse",
                        log.toString(),
                        "-D",
                        "runtrail.airflow.log-filename-template=" + template);
        String named = stdout();

        assertThat(withoutTemplate).isEqualTo(ExitCodes.OK);
        assertThat(plain).contains("\"dataset\":\"airflow.task\"").doesNotContain("dag_id");
        assertThat(withTemplate).isEqualTo(ExitCodes.OK);
        assertThat(named.lines())
                .hasSize(2)
                .allSatisfy(
                        line ->
                                assertThat(line)
                                        .contains(
                                                "\"dag_id\":\"etl_daily\"",
                                                "\"task_id\":\"extract\"",
                                                "\"run_id\":\"scheduled__2024-05-01T00:00:00+00:00\"",
                                                "\"try_number\":2"));
    }

    @Test
    void settingsThatCannotBeUsedAreAUsageErrorAndAnUnreadableFileAnIoError() throws Exception {
        assertThat(
                        Runtrail.execute(
                                "run",
                                "--input",
                                dir.toString(),
                                "--out",
                                dir.resolve("o").toString(),
                                "-D",
                                "correlation.session.ttl=soon"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stderr())
                .contains("Cannot read correlation.session.ttl = 'soon'", "runtrail run --help");
        assertThat(
                        Runtrail.execute(
                                "parse",
                                dir.toString(),
                                "--config",
                                dir.resolve("absent.yaml").toString()))
                .isEqualTo(ExitCodes.IO);
        assertThat(stderr()).contains("cannot read the settings file", "absent.yaml");
        // settings that parse but cannot work together are a usage error too
        Files.writeString(dir.resolve("key"), "a2V5OnZhbHVl\n");
        assertThat(
                        Runtrail.execute(
                                "import",
                                dir.toString(),
                                "--es",
                                "http://es.example:9200",
                                "-D",
                                "runtrail.es.api-key.file=" + dir.resolve("key")))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("Credentials would cross the network in clear text");
        assertThat(Runtrail.execute("setup", "--no-es")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--no-es leaves nothing to do without --kafka");
    }

    @Test
    void setupWarnsBeforeItTalksToAnotherMachineWithoutTlsOrCredentials() {
        // 0.0.0.0 is not a loopback name, so it counts as another machine; nothing listens on
        // port 1, so the templates are never sent
        int code = Runtrail.execute("setup", "--es", "http://0.0.0.0:1", "--timeout", "PT2S");

        assertThat(code).isNotEqualTo(ExitCodes.OK);
        assertThat(stderr())
                .contains(
                        "Elasticsearch at [http://0.0.0.0:1] is reached without TLS or without"
                                + " credentials");
    }

    @Test
    void listFormatsNeedsNoPathAndAParseWithoutAPathIsAUsageError() {
        assertThat(Runtrail.execute("parse", "--list-formats")).isEqualTo(ExitCodes.OK);
        assertThat(stdout().lines())
                .contains(
                        "evtx\twindows.security",
                        "airflow-task-log\tairflow.task",
                        "oauth2-proxy\tproxy.oauth2_proxy");

        assertThat(Runtrail.execute("parse")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("Missing required parameter: 'PATH'");
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertThat(Runtrail.execute("parse", "--no-such-option", "x")).isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("Unknown option: '--no-such-option'");
    }

    @Test
    void aBenchSinkOptionThatDoesNotExistIsAUsageErrorListingTheKnownOnes() {
        assertThat(
                        Runtrail.execute(
                                "bench",
                                "throughput",
                                "--sink",
                                "es",
                                "--set",
                                "runtrail.es.max-inflight=4"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stderr())
                .contains("--set runtrail.es.max-inflight: not a sink option")
                .contains("runtrail.es.max-in-flight", "runtrail.kafka.delivery-guarantee");
    }

    @Test
    void aBenchWithoutTimedRunsIsAUsageError() {
        assertThat(Runtrail.execute("bench", "throughput", "--sink", "ndjson", "--runs", "0"))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(stderr()).contains("--runs 0: expected at least one timed run.");
    }

    @Test
    void missingInputIsAnIoErrorNamingTheFile() {
        assertThat(Runtrail.execute("parse", dir.resolve("absent.log").toString()))
                .isEqualTo(ExitCodes.IO);
        assertThat(stderr()).contains("absent.log").contains("no such file or directory");
    }

    @Test
    void progressOfACompressedFileCountsItsBytesAsStored() throws Exception {
        Path file = dir.resolve("a.kvtest.gz");
        try (var gz = new java.util.zip.GZIPOutputStream(Files.newOutputStream(file))) {
            for (int i = 0; i < 5000; i++) {
                gz.write("2024-05-01T12:00:00Z alice\n".getBytes(StandardCharsets.UTF_8));
            }
        }
        long stored = Files.size(file);

        int code = Runtrail.execute("parse", "--format", "kv-test", file.toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        // (logback reports its own start on stdout when this test runs first)
        assertThat(stdout().lines().filter(l -> l.startsWith("{\"@timestamp\""))).hasSize(5000);
        // "progress:   x%  DONE/TOTAL ...": the first update comes after 1,024 records, which
        // are 27 KiB decompressed, several times the whole file as stored
        List<String> updates = stderr().lines().filter(l -> l.startsWith("progress:")).toList();
        assertThat(updates).isNotEmpty();
        assertThat(stored).isLessThan(27 * 1024 / 4);
        for (String update : updates) {
            assertThat(update).matches("progress: +\\d+\\.\\d%  \\d+ B/" + stored + " B .*");
            long done =
                    Long.parseLong(update.replaceAll("^progress: +[\\d.]+%  (\\d+) B/.*$", "$1"));
            assertThat(done).isLessThanOrEqualTo(stored);
        }
    }

    @Test
    void cleanInputExitsZeroWithEventsOnStdoutAndASummaryOnStderr() throws Exception {
        Path file = Files.writeString(dir.resolve("a.kvtest"), "2024-05-01T12:00:00Z alice\n");

        int code = Runtrail.execute("parse", file.toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        List<String> lines = stdout().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("\"user\":{\"name\":\"alice\"}").contains("\"event\":{");
        assertThat(stderr()).containsPattern("read 1, parsed 1, dead-lettered 0, \\d+ records/s");
    }

    @Test
    void deadLettersGoToTheirFileAndTheExitCodeSaysSo() throws Exception {
        Path file =
                Files.writeString(
                        dir.resolve("a.kvtest"), "2024-05-01T12:00:00Z alice\nnonsense\n");
        Path dead = dir.resolve("dead.ndjson");
        Path events = dir.resolve("events.ndjson");

        int code =
                Runtrail.execute(
                        "parse",
                        file.toString(),
                        "--out",
                        events.toString(),
                        "--dead-letters",
                        dead.toString());

        assertThat(code).isEqualTo(ExitCodes.DEAD_LETTERS);
        assertThat(Files.readAllLines(events)).hasSize(1);
        List<String> letters = Files.readAllLines(dead);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0))
                .contains("\"original\":\"nonsense\"")
                .contains("Line 2")
                .contains("\"position\":27");
        assertThat(stderr()).contains("read 2, parsed 1, dead-lettered 1");
    }

    @Test
    void jsonLogFormatWritesLogstashJsonOnStderr() throws Exception {
        Path file = Files.writeString(dir.resolve("a.kvtest"), "junk\n");

        Runtrail.execute("--log-format", "json", "parse", file.toString());

        String logLine = stderr().lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow();
        assertThat(logLine)
                .contains("\"@timestamp\"")
                .contains("\"level\":\"WARN\"")
                .contains("dead letter");
    }
}
