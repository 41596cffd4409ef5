package dev.runtrail.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.airflow.AirflowConnectionsFormat;
import dev.runtrail.ingest.airflow.AirflowEsTaskLogFormat;
import dev.runtrail.ingest.airflow.AirflowJsonTaskLogFormat;
import dev.runtrail.ingest.proxy.NginxJsonFormat;
import dev.runtrail.ingest.proxy.OAuth2ProxyFormat;
import dev.runtrail.ingest.proxy.SquidFormat;
import dev.runtrail.ingest.windows.csv.EventViewerCsvFormat;
import dev.runtrail.sampledata.Scenario;
import dev.runtrail.sampledata.ScenarioConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The detector's shortcuts keep every answer: no format scores above its {@link Format#maxSniff},
 * the shared-head {@link Format#sniff(Head)} agrees with {@code sniff(name, bytes)}, and the cheap
 * rejections before decoding pass the inputs they must pass (expected scores worked out by hand
 * from each format's rules).
 */
class SniffShortcutsTest {
    private static final String AIRFLOW_LOG =
            "[2024-05-03T17:08:39.543+0000] {taskinstance.py:1157} INFO - Dependencies all met\n"
                    + "[2024-05-03T17:08:40.001+0000] {taskinstance.py:1380} INFO - Starting"
                    + " attempt 1 of 1\n";
    private static final String SQUID_LINE =
            "1714723719.543    120 10.0.0.5 TCP_MISS/200 5120 GET http://airflow.corp/home alice"
                    + " DIRECT/10.0.0.9 text/html\n";
    private static final String NGINX_LINE =
            "10.0.0.5 - alice [03/May/2024:17:08:39 +0000] \"GET /home HTTP/1.1\" 200 512 \"-\""
                    + " \"curl/8.0\"\n";
    private static final String OAUTH2_LINE =
            "10.0.0.5 - 0a1b2c3d-0000-4000-8000-000000000001 - alice@corp.example.com"
                    + " [2024/05/01 07:23:37] airflow.corp.example.com GET / \"/home\" HTTP/1.1"
                    + " \"curl/8.0\" 200 512 0.300\n";
    private static final String CSV_HEADER =
            "Level,Date and Time,Source,Event ID,Task Category\r\n"
                    + "Information,5/1/2024 7:23:37 AM,Microsoft-Windows-Security-Auditing,4624,"
                    + "Logon,\"An account was successfully logged on.\"\r\n";
    private static final String CONNECTIONS_ARRAY =
            "[\n  {\"connection_id\": \"pg\", \"conn_type\": \"postgres\"}\n]\n";
    private static final String NGINX_JSON =
            "{\"remote_addr\": \"10.0.0.5\", \"request\": \"GET / HTTP/1.1\", \"status\": \"200\"}\n";
    private static final String ES_LINE =
            "{\"levelname\": \"INFO\", \"dag_id\": \"d\", \"message\": \"m\"}\n";

    @Test
    void noFormatScoresAboveItsBoundAndBothSniffMethodsAgree(@TempDir Path tmp) throws IOException {
        List<Head> heads = new ArrayList<>(fixtures());
        Path dir = tmp.resolve("scenario");
        Scenario.generate(new ScenarioConfig(5L, LocalDate.of(2024, 6, 3), 1, 4, 2, 0.3), dir);
        heads.addAll(headsUnder(dir));
        Path samples = Path.of(System.getProperty("runtrail.samples", "../../shared/samples"));
        if (Files.isDirectory(samples)) {
            heads.addAll(headsUnder(samples));
        }
        for (Head head : heads) {
            for (Format format : Formats.all()) {
                int score = format.sniff(head.fileName(), head.bytes());
                String what = format.name() + " on " + head.fileName();
                assertThat(score).as(what).isBetween(0, 100);
                assertThat(format.sniff(new Head(head.fileName(), head.bytes())))
                        .as(what)
                        .isEqualTo(score);
                assertThat(format.maxSniff(new Head(head.fileName(), head.bytes())))
                        .as(what)
                        .isGreaterThanOrEqualTo(score);
            }
        }
    }

    @Test
    void proxyFormatsShareTheDecodedLinesAndGetTheHintBonus() {
        assertThat(new SquidFormat().sniff("/var/log/access.log", ascii(SQUID_LINE))).isEqualTo(85);
        assertThat(new SquidFormat().sniff("/var/log/SQUID/access.log", ascii(SQUID_LINE)))
                .isEqualTo(95);
        Head oauth = new Head("/logs/p00001.log", ascii(OAUTH2_LINE));
        assertThat(new SquidFormat().sniff(oauth)).isZero();
        assertThat(new OAuth2ProxyFormat().sniff(oauth)).isEqualTo(85);
        assertThat(new SquidFormat().maxSniff(oauth)).isEqualTo(85);
        assertThat(new OAuth2ProxyFormat().maxSniff(new Head("oauth2-proxy.log", new byte[0])))
                .isEqualTo(95);
    }

    @Test
    void theFileNameHintIsFoundAsInTheLowerCasedName() {
        assertThat(
                        new Head("/var/log/SQUID/access.log", new byte[0])
                                .lowerFileNameContains("squid"))
                .isTrue();
        assertThat(
                        new Head("/logs/run_id=2024-05-03T17:08:39/Squi", null)
                                .lowerFileNameContains("squid"))
                .isFalse();
        assertThat(new Head(null, null).lowerFileNameContains("squid")).isFalse();
        // a dotted capital I lower-cases to i and a combining dot, which breaks the word
        assertThat(new Head("/var/SQU\u0130D/a.log", null).lowerFileNameContains("squid"))
                .isFalse();
        assertThat(new Head("/var/\u00c9t\u00e9/nginx.log", null).lowerFileNameContains("nginx"))
                .isTrue();
        assertThat(new Head("/var/OAuth2-Proxy.log", null).lowerFileNameContains("oauth2"))
                .isTrue();
    }

    @Test
    void detectionSkipsOnlyFormatsThatCannotWin() {
        assertThat(detect("/logs/p00001.log", OAUTH2_LINE)).isEqualTo("oauth2-proxy");
        assertThat(detect("/var/log/access.log", SQUID_LINE)).isEqualTo("squid");
        assertThat(detect("/var/log/access.log", NGINX_LINE)).isEqualTo("nginx-combined");
        // a DAG named after a proxy: the proxy format is asked (it might reach 95) and says no
        assertThat(
                        detect(
                                "/logs/dag_id=squid_rotate/run_id=r1/task_id=t/attempt=1.log",
                                AIRFLOW_LOG))
                .isEqualTo("airflow-task-log");
        assertThat(detect("/logs/dag_id=d/run_id=r1/task_id=t/attempt=1.log", AIRFLOW_LOG))
                .isEqualTo("airflow-task-log");
        assertThat(detect("Security.csv", CSV_HEADER)).isEqualTo("windows-eventviewer-csv");
        assertThat(detect("connections.json", CONNECTIONS_ARRAY)).isEqualTo("airflow-connections");
    }

    @Test
    void theEventViewerHeaderIsFoundInTheLowerCasedStartOfTheHead() {
        EventViewerCsvFormat csv = new EventViewerCsvFormat();
        assertThat(csv.sniff("x.csv", utf8(CSV_HEADER))).isEqualTo(90);
        assertThat(csv.sniff("x.csv", utf8("\uFEFF" + CSV_HEADER.toUpperCase()))).isEqualTo(90);
        // the Kelvin sign lower-cases to 'k' in Locale.ROOT, as it did when the whole head was
        String kelvin = "\u212Aeywords,date and time,source,event id,task category\r\n";
        assertThat(csv.sniff("x.csv", utf8(kelvin))).isEqualTo(90);
        assertThat(csv.sniff("x.csv", utf8("Level;Date and Time;Source\r\n"))).isZero();
        String longLine = CSV_HEADER.replace("\r\n", "," + "x".repeat(700) + "\r\n");
        assertThat(csv.sniff("x.csv", utf8(longLine))).isEqualTo(90);
    }

    @Test
    void jsonSniffsRejectByTheFirstByteOnlyWhatTheyWouldReject() {
        AirflowEsTaskLogFormat es = new AirflowEsTaskLogFormat();
        assertThat(es.sniff("x.log", ascii(ES_LINE))).isEqualTo(88);
        // a form feed is not skipped as a blank but trimmed off the first line
        assertThat(es.sniff("x.log", ascii("\f" + ES_LINE))).isEqualTo(88);
        assertThat(es.sniff("x.log", ascii("\n\n  " + ES_LINE))).isEqualTo(88);
        assertThat(es.sniff("x.log", ascii(AIRFLOW_LOG))).isZero();
        assertThat(new AirflowJsonTaskLogFormat().sniff("x.log", ascii(AIRFLOW_LOG))).isZero();

        NginxJsonFormat nginx = new NginxJsonFormat();
        assertThat(nginx.sniff("x.log", utf8(NGINX_JSON))).isEqualTo(80);
        // an em space is white space to strip(): the line still starts an object
        assertThat(nginx.sniff("x.log", utf8("\u2003" + NGINX_JSON))).isEqualTo(80);
        assertThat(nginx.sniff("x.log", utf8("\t " + NGINX_JSON))).isEqualTo(80);
        assertThat(nginx.sniff("x.log", utf8("x" + NGINX_JSON))).isZero();
        assertThat(nginx.sniff("x.log", new byte[0])).isZero();

        AirflowConnectionsFormat connections = new AirflowConnectionsFormat();
        assertThat(connections.sniff("c.json", ascii(CONNECTIONS_ARRAY))).isEqualTo(85);
        assertThat(connections.sniff("c.json", ascii("[ \r\n\t{\"connection_id\": \"a\"}]")))
                .isEqualTo(85);
        assertThat(connections.sniff("c.json", ascii("[]"))).isZero();
        assertThat(connections.sniff("c.json", ascii("["))).isZero();
        assertThat(connections.sniff("c.log", ascii(AIRFLOW_LOG))).isZero();
    }

    private static List<Head> fixtures() {
        List<Head> heads = new ArrayList<>();
        String[] texts = {
            AIRFLOW_LOG,
            SQUID_LINE,
            NGINX_LINE,
            OAUTH2_LINE,
            CSV_HEADER,
            CONNECTIONS_ARRAY,
            NGINX_JSON,
            "\u2003" + NGINX_JSON,
            ES_LINE,
            "\f" + ES_LINE,
            "",
            "\n\n",
            "[]",
            SQUID_LINE.repeat(200) // more than the sniff buffer: the last line is cut
        };
        String[] names = {"/logs/squid/a.log", "/logs/nginx-oauth2.log", "x.csv", null};
        for (String text : texts) {
            byte[] bytes = utf8(text);
            if (bytes.length > Formats.SNIFF_BYTES) {
                bytes = java.util.Arrays.copyOf(bytes, Formats.SNIFF_BYTES);
            }
            for (String name : names) {
                heads.add(new Head(name, bytes));
            }
        }
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] noise = new byte[random.nextInt(300)];
            random.nextBytes(noise);
            heads.add(new Head("noise.bin", noise));
        }
        return heads;
    }

    private static List<Head> headsUnder(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<Head> heads = new ArrayList<>();
        for (Path file : files) {
            InputSource input = InputSource.of(file);
            heads.add(new Head(input.path(), input.head()));
        }
        return heads;
    }

    private static String detect(String name, String text) {
        return Formats.detect(name, utf8(text)).map(Format::name).orElse("(none)");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
