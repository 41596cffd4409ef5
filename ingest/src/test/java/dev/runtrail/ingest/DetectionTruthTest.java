package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.sampledata.Scenario;
import dev.runtrail.sampledata.ScenarioConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector's answer for every shared sample and every file of a generated scenario, against the
 * format each file is known to have: the samples' {@code MANIFEST.tsv} names the kind of every file
 * (translated here to our format names), and the scenario writes each kind to a fixed place. Guards
 * detection speed-ups: they must not change which format any of these files gets.
 */
class DetectionTruthTest {
    /** A file no format claims. */
    private static final String NONE = "(none)";

    /**
     * Files whose manifest kind does not decide the answer, each read by hand: the reason says what
     * the file holds.
     */
    private static final Map<String, String> READ_BY_HAND =
            Map.of(
                    // evtxexport failed on these EVTX files: the export is its banner line alone
                    "reference/MSExchange_Management_wec.evtx.evtxexport.xml.gz", NONE,
                    "reference/mitre_RDP_success_logins_multiple_hosts_1149.evtx.evtxexport.xml.gz",
                            NONE,
                    // every line has the literal time [TIMELESS], which no oauth2-proxy line has
                    "proxy/oauth2-proxy_request_logger_test_expected.log", NONE,
                    // the manifest notes it is not valid JSON (bare values without keys at the end)
                    "proxy/nginx_json_ingress-nginx_oauth2-proxy-issue-2675.log", NONE,
                    // this OTRF export is Winlogbeat 6.7 output (@metadata.beat, event_id, ...)
                    "winjson/otrf_empire_invoke_runas_2019-05-18204300.json.gz", "winlogbeat-json");

    @Test
    void everySharedSampleGetsTheFormatItsManifestNames() throws IOException {
        Path samples = TestReading.samples();
        Map<String, String> expected = manifestFormats(samples.resolve("MANIFEST.tsv"));
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Path file : files(samples)) {
            String rel = samples.relativize(file).toString().replace('\\', '/');
            if (rel.equals("MANIFEST.tsv") || rel.equals("README.md")) {
                continue;
            }
            assertThat(expected).as("MANIFEST.tsv row for %s", rel).containsKey(rel);
            String got = detected(file);
            if (!got.equals(expected.get(rel))) {
                wrong.add(rel + ": expected " + expected.get(rel) + ", detected " + got);
            }
            checked++;
        }
        assertThat(wrong).isEmpty();
        assertThat(checked).isEqualTo(expected.size());
    }

    @Test
    void everyFileOfAGeneratedScenarioGetsTheFormatOfItsPlace(@TempDir Path tmp)
            throws IOException {
        Path dir = tmp.resolve("scenario");
        Scenario.generate(new ScenarioConfig(11L, LocalDate.of(2024, 6, 3), 1, 6, 3, 0.5), dir);
        Map<String, Integer> perFormat = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Path file : files(dir)) {
            String rel = dir.relativize(file).toString().replace('\\', '/');
            String want = scenarioFormat(rel);
            if (want == null) {
                continue;
            }
            String got = detected(file);
            if (!got.equals(want)) {
                wrong.add(rel + ": expected " + want + ", detected " + got);
            }
            perFormat.merge(want, 1, Integer::sum);
        }
        assertThat(wrong).isEmpty();
        assertThat(perFormat)
                .containsOnlyKeys(
                        "airflow-task-log",
                        "airflow-connections",
                        "airflow-dagrun-json",
                        "airflow-eventlog-json",
                        "oauth2-proxy",
                        "windows-xml",
                        "winlogbeat-json");
        assertThat(perFormat.get("airflow-task-log")).isGreaterThan(20);
    }

    /** Where the scenario writes each kind of file; null for files that are no log export. */
    private static String scenarioFormat(String rel) {
        if (rel.equals(Scenario.TRUTH)
                || rel.equals("README.md")
                || rel.equals(".runtrailignore")) {
            return null;
        }
        if (rel.startsWith("airflow/logs/") && rel.endsWith(".log")) {
            return "airflow-task-log";
        }
        return switch (rel) {
            case "airflow/connections.json" -> "airflow-connections";
            case "airflow/dagRuns.json" -> "airflow-dagrun-json";
            case "airflow/eventLogs.json" -> "airflow-eventlog-json";
            case "proxy/oauth2-proxy.log" -> "oauth2-proxy";
            default -> {
                if (rel.startsWith("windows/") && rel.endsWith("-Security.xml")) {
                    yield "windows-xml";
                }
                if (rel.startsWith("windows/winlogbeat-") && rel.endsWith(".ndjson")) {
                    yield "winlogbeat-json";
                }
                throw new AssertionError("The scenario wrote a file of unknown kind: " + rel);
            }
        };
    }

    /** Our format name for each path of the manifest, from its {@code format} column. */
    private static Map<String, String> manifestFormats(Path manifest) throws IOException {
        List<String> lines = Files.readAllLines(manifest);
        String[] header = lines.get(0).split("\t", -1);
        int pathCol = List.of(header).indexOf("path");
        int formatCol = List.of(header).indexOf("format");
        assertThat(pathCol).isGreaterThanOrEqualTo(0);
        assertThat(formatCol).isGreaterThanOrEqualTo(0);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            String path = cols[pathCol];
            out.put(path, READ_BY_HAND.getOrDefault(path, ourName(cols[formatCol])));
        }
        return out;
    }

    /** Translates the manifest's description of a file's kind into a format name. */
    private static String ourName(String kind) {
        if (kind.equals("airflow-text-log")) {
            return "airflow-task-log";
        }
        if (kind.equals("airflow-3-json-lines")) {
            return "airflow-task-json";
        }
        if (kind.startsWith("airflow-es-json")) {
            return "airflow-es-json";
        }
        if (kind.startsWith("airflow-rest-api-") && kind.contains("DAGRun")) {
            return "airflow-dagrun-json";
        }
        if (kind.equals("evtx")) {
            return "evtx";
        }
        // evtxexport's XML of every event, with the event namespace, gzip-compressed
        if (kind.equals("evtxexport-xml+gzip") || kind.equals("windows-event-xml")) {
            return "windows-xml";
        }
        // OTRF Security-Datasets exports carry NXLog's im_msvistalog field names (EventID,
        // SourceName, Hostname)
        if (kind.startsWith("json (OTRF")) {
            return "nxlog-json";
        }
        if (kind.equals("nginx_combined")) {
            return "nginx-combined";
        }
        if (kind.equals("squid_access_native")) {
            return "squid";
        }
        if (kind.startsWith("oauth2-proxy") || kind.startsWith("oauth2_proxy")) {
            return "oauth2-proxy";
        }
        if (kind.startsWith("nginx-json")) {
            return "nginx-json";
        }
        if (kind.equals("tsv")) {
            return NONE; // the reference table of record counts, no log
        }
        throw new AssertionError("MANIFEST.tsv names a kind this test does not know: " + kind);
    }

    private static String detected(Path file) throws IOException {
        return Formats.detect(InputSource.of(file)).map(Format::name).orElse(NONE);
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
