package dev.runtrail.ingest.windows.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.text.Line;
import dev.runtrail.ingest.windows.Records;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reading of Winlogbeat lines ({@link JsonCursor}) against the Jackson reading it
 * stands in for: on every line the cursor accepts, both give the same event or dead letter; the
 * lines it must leave to Jackson are left.
 */
class WinlogbeatFastReadingTest {
    private static final String MODERN = WinlogbeatJsonTest.MODERN;

    private final WinlogbeatJsonParser parser =
            new WinlogbeatJsonParser(SourceRef.of("t"), "winlogbeat-json");
    private long lineNumber;

    private Line line(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new Line(bytes, 100 * lineNumber, ++lineNumber, bytes.length, null);
    }

    /** Reads the line both ways; returns the fast result, which must equal Jackson's when set. */
    private Parsed both(String text) {
        Line line = line(text);
        Parsed fast = parser.parseFast(line);
        Parsed jackson = parser.parseWithJackson(line);
        if (fast != null) {
            assertSame(fast, jackson, text);
        }
        return fast;
    }

    private static void assertSame(Parsed fast, Parsed jackson, String text) {
        if (jackson instanceof EcsDocument j) {
            assertThat(fast).as(text).isInstanceOf(EcsDocument.class);
            EcsDocument f = (EcsDocument) fast;
            assertThat(f.id()).as(text).isEqualTo(j.id());
            assertThat(f.fields()).as(text).containsExactlyEntriesOf(j.fields());
        } else {
            DeadLetter j = (DeadLetter) jackson;
            assertThat(fast).as(text).isInstanceOf(DeadLetter.class);
            DeadLetter f = (DeadLetter) fast;
            assertThat(f.reason()).as(text).isEqualTo(j.reason());
            assertThat(f.position()).isEqualTo(j.position());
            assertThat(f.line()).isEqualTo(j.line());
            assertThat(f.raw()).isEqualTo(j.raw());
        }
    }

    /** {@code s} with {@code what} replaced, which it must contain. */
    static String replace(String s, String what, String with) {
        assertThat(s).contains(what);
        return s.replace(what, with);
    }

    @Test
    void moreDistinctNamesThanTheNameCacheKeepsAreStillReadRight() {
        // The thread's name cache starts over when full; names on both sides of that agree.
        for (int round = 0; round < 3; round++) {
            StringBuilder names = new StringBuilder("\"SubjectUserName\":\"svc_airflow\"");
            for (int i = 0; i < 700; i++) {
                names.append(",\"Name").append(round).append('_').append(i).append("\":\"v");
                names.append(i).append('"');
            }
            String text = replace(MODERN, "\"SubjectUserName\":\"svc_airflow\"", names.toString());
            EcsDocument doc = (EcsDocument) both(text);
            assertThat(doc).isNotNull();
            assertThat(doc.getString(Ecs.WINLOG_EVENT_DATA + "Name" + round + "_699"))
                    .isEqualTo("v699");
            assertThat(doc.getString(Ecs.WINLOG_EVENT_DATA + "SubjectUserName"))
                    .isEqualTo("svc_airflow");
        }
    }

    @Test
    void plainVariantsAreReadWithoutJacksonAndAgree() {
        List<String> lines = new ArrayList<>();
        lines.add(MODERN);
        lines.add(" \t" + MODERN + " \r\t");
        lines.add(MODERN.replace(",", " , ").replace("\":", "\" :\t").replace("{\"", "{\n\""));
        lines.add(
                replace(
                        MODERN,
                        "\"svc_airflow\"",
                        "\"sv\\u00e9 \\ud83d\\ude00 \\\"q\\\" \\\\ \\/\""));
        lines.add(replace(MODERN, "\"svc_airflow\"", "\"sv\u00e9 \u4e2d \ud83d\ude00\""));
        lines.add(replace(MODERN, "\"svc_airflow\"", "\"a\\u00E9\\u4E2D\\b\\f\\n\\r\\t\""));
        lines.add(replace(MODERN, "\"svc_airflow\"", "\"\""));
        lines.add(replace(MODERN, "\"Special privileges", "\"\u00e9\\tSpecial privileges"));
        for (String id :
                List.of(
                        "1.5",
                        "1e3",
                        "-0",
                        "-12",
                        "123456789012345678901234",
                        "1E+2",
                        "true",
                        "false",
                        "null",
                        "\"77\"",
                        "[1,2]",
                        "{\"a\":1}",
                        "[]",
                        "{}",
                        "\"\"")) {
            lines.add(replace(MODERN, "\"record_id\":98765", "\"record_id\":" + id));
        }
        for (String id :
                List.of(
                        "4672",
                        "4672.0",
                        "null",
                        "\"x\"",
                        "[4672]",
                        "[4672,4624]",
                        "[\"4672\",null,{\"a\":[1]},[2],true]",
                        "99999999999999999999")) {
            lines.add(replace(MODERN, "\"event_id\":\"4672\"", "\"event_id\":" + id));
        }
        lines.add(replace(MODERN, "\"event_id\":\"4672\",", ""));
        lines.add(
                replace(MODERN, "\"event_id\":\"4672\",", "")
                        .replace("\"code\":\"4672\"", "\"code\":null"));
        for (String ts :
                List.of(
                        "\"2024-05-01T12:00:00Z\"",
                        "\"garbage\"",
                        "null",
                        "12",
                        "[\"2024-05-01T12:00:00Z\",\"x\"]",
                        "{\"a\":\"b\"}")) {
            lines.add(replace(MODERN, "\"2024-05-01T12:00:03.123456789Z\"", ts));
        }
        String privileges = "[\"SeBackupPrivilege\",\"SeDebugPrivilege\"]";
        for (String list :
                List.of(
                        "[\"a\",null,1,true,{\"x\":\"y\"},[\"z\"],\"b\"]",
                        "[]",
                        "null",
                        "7",
                        "{\"xml_name\":\"W\",\"Inner\":{\"A\":\"1\",\"xml_name\":\"V\"},\"B\":2.50}")) {
            lines.add(replace(MODERN, privileges, list));
        }
        lines.add(
                replace(MODERN, privileges, "[],\"xml_name\":\"top\",\"xml_name\":{\"C\":\"3\"}"));
        // long names alike in their first and last eight bytes stay apart
        String alikeLine =
                replace(
                        MODERN,
                        privileges,
                        "[],\"SubjectAAAAAAAAUserName\":\"1\",\"SubjectBBBBBBBBUserName\":\"2\","
                                + "\"Short\":\"3\",\"Shorr\":\"4\",\"\u00e9t\u00e9\":\"5\"");
        lines.add(alikeLine);
        lines.add(
                replace(
                        MODERN,
                        "\"SubjectUserName\":\"svc_airflow\"",
                        "\"SubjectUserName\":\"d1\",\"SubjectUserName\":\"d2\""));
        lines.add(
                replace(
                        MODERN,
                        "\"winlog\":{",
                        "\"winlog\":{\"event_data\":[1,2],\"user\":{\"identifier\":\"S-1-5-18\"},"));
        lines.add(replace(MODERN, "\"winlog\":{", "\"winlog\":{\"user\":null,\"process\":[1],"));
        lines.add(
                replace(
                        MODERN,
                        "\"host\":{\"name\":\"win-01\"}",
                        "\"host\":{\"name\":[\"a\",\"b\"]}"));
        lines.add(replace(MODERN, "\"host\":{\"name\":\"win-01\"}", "\"host\":\"plain\""));
        lines.add(replace(MODERN, "\"message\":\"", "\"message\":[\"m1\",2,\"m3\"],\"x\":\""));
        lines.add(
                replace(
                        MODERN,
                        "\"winlog\":{",
                        "\"winlog\":{\"keywords\":\"0x8020000000000000\","
                                + "\"opcode\":\"0\",\"task\":\"12544\",\"version\":2,"));
        // Winlogbeat 6.x: the winlog fields at the top, UserData under its wrapper element
        lines.add(
                "{\"@timestamp\":\"2019-05-18T20:43:27.288Z\",\"event_id\":4624,"
                        + "\"record_number\":\"12283315\",\"computer_name\":\"HFDC01.shire.com\","
                        + "\"log_name\":\"Security\",\"source_name\":\"Microsoft-Windows-Security-Auditing\","
                        + "\"provider_guid\":\"{54849625}\",\"process_id\":596,\"thread_id\":4764,"
                        + "\"version\":2,\"task\":\"Logon\",\"opcode\":\"Info\",\"keywords\":[\"Audit\"],"
                        + "\"event_data\":{\"TargetUserName\":\"HFDC01$\",\"TargetLogonId\":\"0x12eb09a3\","
                        + "\"LogonType\":\"3\",\"IpAddress\":\"::1\",\"IpPort\":\"57693\"},"
                        + "\"user\":{\"identifier\":\"S-1-5-18\"},\"tags\":[\"a\",{\"b\":[1,{\"c\":null}]}]}");
        lines.add(
                "{\"@timestamp\":\"2019-05-18T20:43:27.288Z\",\"event_id\":1102,"
                        + "\"log_name\":\"Security\",\"computer_name\":\"h\",\"user_data\":{\"xml_name\":"
                        + "\"LogFileCleared\",\"SubjectUserName\":\"bob\",\"SubjectLogonId\":\"0x1\"}}");
        // read, but dead letters: no event id, no time
        lines.add("{}");
        lines.add("{\"a\":1}");
        lines.add("{\"event_id\":4624}");
        lines.add("{\"a\":-0.0e-0 }");
        for (String text : lines) {
            assertThat(both(text)).as("read without Jackson: %s", text).isNotNull();
        }
        EcsDocument alike = (EcsDocument) both(alikeLine);
        assertThat(alike.get(Ecs.WINLOG_EVENT_DATA + "SubjectAAAAAAAAUserName")).isEqualTo("1");
        assertThat(alike.get(Ecs.WINLOG_EVENT_DATA + "SubjectBBBBBBBBUserName")).isEqualTo("2");
        assertThat(alike.get(Ecs.WINLOG_EVENT_DATA + "Shorr")).isEqualTo("4");
        assertThat(alike.get(Ecs.WINLOG_EVENT_DATA + "\u00e9t\u00e9")).isEqualTo("5");
        EcsDocument escaped = (EcsDocument) both(lines.get(3));
        assertThat(escaped.get(Ecs.USER_NAME)).isEqualTo("sv\u00e9 \ud83d\ude00 \"q\" \\ /");
    }

    /**
     * Strings made of plain runs of every length, escapes and raw non-ASCII characters, in a value
     * near the start of the line, in the message and in the last value of the line (where fewer
     * than eight or sixteen bytes follow), read both ways.
     */
    @Test
    void stringsOfEveryShapeAgree() {
        List<String> pieces =
                List.of(
                        "\\n",
                        "\\t",
                        "\\r\\n\\t",
                        "\\\"",
                        "\\\\",
                        "\\/",
                        "\\u00e9",
                        "\\u4E2D",
                        "\\ud83d\\ude00",
                        "\u00e9",
                        "\u4e2d",
                        "\ud83d\ude00");
        Random random = new Random(42);
        for (int round = 0; round < 400; round++) {
            StringBuilder sb = new StringBuilder();
            int parts = random.nextInt(6);
            for (int p = 0; p < parts; p++) {
                int run = random.nextInt(random.nextBoolean() ? 9 : 40);
                for (int k = 0; k < run; k++) {
                    sb.append((char) ('a' + random.nextInt(26)));
                }
                if (random.nextInt(3) > 0) {
                    sb.append(pieces.get(random.nextInt(pieces.size())));
                }
            }
            String value = sb.toString();
            String text =
                    replace(MODERN, "\"svc_airflow\"", "\"" + value + "\"")
                            .replace("Special privileges", value)
                            .replace("\"SeDebugPrivilege\"", "\"" + value + "\"");
            assertThat(both(text)).as("read without Jackson: %s", text).isNotNull();
        }
    }

    /** The parser reuses its record builder: a line must not inherit fields of the one before. */
    @Test
    void aLineKeepsNothingOfTheLineBefore() {
        String full =
                replace(
                        MODERN,
                        "\"winlog\":{",
                        "\"winlog\":{\"user\":{\"identifier\":\"S-1-5-18\"},\"version\":2,");
        String bare =
                "{\"@timestamp\":\"2024-05-01T12:00:04Z\",\"winlog\":{\"event_id\":\"4634\","
                        + "\"channel\":\"Security\",\"record_id\":5,\"computer_name\":\"h\","
                        + "\"event_data\":{\"TargetUserName\":\"bob\"}}}";
        Parsed first = parser.parse(full, line(full));
        assertThat(((EcsDocument) first).get(Ecs.WINLOG_USER_IDENTIFIER)).isEqualTo("S-1-5-18");
        EcsDocument after = (EcsDocument) parser.parse(bare, line(bare));
        EcsDocument fresh =
                (EcsDocument)
                        new WinlogbeatJsonParser(SourceRef.of("t"), "winlogbeat-json")
                                .parseFast(line(bare));
        assertThat(after.fields()).containsExactlyEntriesOf(fresh.fields());
        assertThat(after.get(Ecs.WINLOG_USER_IDENTIFIER)).isNull();
        assertThat(after.get(Ecs.WINLOG_EVENT_DATA + "SubjectUserName")).isNull();
        assertThat(after.get(Ecs.MESSAGE)).isNull();
        assertThat(after.get(Ecs.WINLOG_VERSION)).isNull();
        assertThat(after.get(Ecs.WINLOG_EVENT_DATA + "TargetUserName")).isEqualTo("bob");
    }

    @Test
    void unusualLinesAreLeftToJackson() {
        List<String> lines =
                List.of(
                        "",
                        "[1,2]",
                        "123",
                        "\"s\"",
                        "{",
                        "{\"a\":1,}",
                        "{\"a\":01}",
                        "{a:1}",
                        "{'a':1}",
                        "{\"a\":1}{\"b\":2}",
                        "{\"a\":1} x",
                        "{\"a\":\"\\x\"}",
                        // a lone surrogate, which Jackson keeps as it is
                        replace(MODERN, "svc_airflow", "a\\uD800b"),
                        replace(MODERN, "svc_airflow", "a\\uDC00\\uD800"),
                        "{\"a\":\"\\u12g4\"}",
                        "{\"a\":\"\u0001\"}",
                        "{\"a\":\"\t\"}",
                        "{\"a\":NaN}",
                        "{\"a\":-}",
                        "{\"a\":1.}",
                        "{\"a\":.5}",
                        "{\"a\":+1}",
                        "{\"a\":1e}",
                        "{\"a\":tru}",
                        "{\"a\":truex}",
                        "{\"a\":[1,]}",
                        "{\"a\":[1 2]}",
                        "{\"a\" 1}",
                        "{\"a\":{\"b\":1}",
                        "{\"a\":{\"b\":1}}}",
                        "{\"a\":\"b\\",
                        "{\"a\":\"b",
                        "\ufeff{\"a\":1}",
                        "{\"ev\\u0065nt_id\":4624}",
                        "{\"a\":" + "1".repeat(101) + "}",
                        "{\"a\":" + "[".repeat(101) + "]".repeat(101) + "}",
                        // Jackson's reading loses its place after an array under xml_name
                        replace(
                                MODERN,
                                "\"SubjectUserSid\"",
                                "\"xml_name\":[\"x\",\"y\"],\"SubjectUserSid\""),
                        MODERN + " x",
                        MODERN.substring(0, MODERN.length() - 1));
        for (String text : lines) {
            assertThat(both(text)).as("left to Jackson: %s", text).isNull();
        }
        // and the line gets Jackson's dead letter through the public entry point
        DeadLetter d = (DeadLetter) parser.parse("{\"a\":01}", line("{\"a\":01}"));
        assertThat(d.reason()).startsWith("The line is not valid JSON (Invalid numeric value");
    }

    /** Every shared Windows JSON sample, read both ways line by line. */
    @Test
    void sharedSamplesAgree() throws Exception {
        Path dir = Records.samples("winjson");
        int fastLines = 0;
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                boolean gz = file.toString().endsWith(".gz");
                try (InputStream raw = Files.newInputStream(file);
                        InputStream in = gz ? new GZIPInputStream(raw) : raw;
                        BufferedReader r =
                                new BufferedReader(
                                        new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String text;
                    while ((text = r.readLine()) != null) {
                        if (both(text) != null) {
                            fastLines++;
                        }
                    }
                }
            }
        }
        // every line of the four OTRF files is plain JSON
        assertThat(fastLines).isEqualTo(424 + 286 + 506 + 2581);
    }

    /**
     * The project's Winlogbeat samples (hundreds of ordinary lines): read as {@code runtrail parse}
     * reads them, where a line no rule can change has its values taken as read and is finished with
     * the shortcut, each finishes to the same document as the Jackson reading finished by the full
     * pass.
     */
    @Test
    void theRedactionShortcutFinishesOrdinaryLinesAsTheFullPassDoes() throws Exception {
        Path dir = Path.of("..", "sample-data", "windows");
        Assumptions.assumeTrue(Files.isDirectory(dir), "no " + dir);
        int marked = 0;
        int lines = 0;
        for (String name : List.of("winlogbeat-win-wrk01.ndjson", "winlogbeat-win-app01.ndjson")) {
            for (String text : Files.readAllLines(dir.resolve(name), StandardCharsets.UTF_8)) {
                Line line = line(text);
                Parsed read = parser.parse(text, line);
                if (read instanceof EcsDocument event && event.sourceTextRedacted()) {
                    marked++;
                }
                Parsed full = parser.parseWithJackson(line);
                assertSame(
                        Documents.finish(read, Instant.EPOCH),
                        Documents.finish(full, Instant.EPOCH),
                        text);
                lines++;
            }
        }
        assertThat(lines).isGreaterThan(100);
        assertThat(marked).isGreaterThan(lines / 2);
    }
}
