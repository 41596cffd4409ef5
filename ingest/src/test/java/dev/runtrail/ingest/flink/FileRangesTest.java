package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.FileParser;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordBoundary;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A large export cut into ranges must read as the whole file does: the same records, ids, offsets
 * and dead-letter line numbers, each record once, wherever the cuts fall.
 */
class FileRangesTest {
    @TempDir Path dir;

    /** An oauth2-proxy request log line, different for each {@code i}. */
    static String proxyLine(int i) {
        return String.format(
                "10.20.3.%d - req-%05d - user%d@corp.example.com [2024/05/01 07:%02d:%02d]"
                        + " airflow.corp.example.com GET / \"/home\" HTTP/1.1 \"curl/8.5\" 200 %d"
                        + " 0.%03d",
                i % 250, i, i % 7, (i / 60) % 60, i % 60, 1000 + i, i % 1000);
    }

    private static String event(int record) {
        return "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>"
                + "<Provider Name='Microsoft-Windows-Security-Auditing'/><EventID>4672</EventID>"
                + "<TimeCreated SystemTime='2024-05-01T00:07:02."
                + String.format("%07d", record)
                + "Z'/><EventRecordID>"
                + record
                + "</EventRecordID><Channel>Security</Channel><Computer>WIN-DB01</Computer>"
                + "</System><EventData><Data Name='SubjectUserName'>svc_airflow</Data>"
                + "<Data Name='SubjectLogonId'>0x"
                + Integer.toHexString(0x4000 + record)
                + "</Data><Data Name='PrivilegeList'>SeBackupPrivilege\n\t\t\tSeDebugPrivilege"
                + "</Data></EventData></Event>";
    }

    @ParameterizedTest(name = "ranges of {0} bytes")
    @ValueSource(ints = {1, 97, 1000, 4096, 1 << 20})
    void proxyLogRangesReadExactlyTheRecordsOfTheWholeFile(int rangeBytes) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append(proxyLine(i)).append(i % 50 == 7 ? "\r\n" : "\n");
            if (i == 150) {
                text.append("this is not an access log line\n\n");
            }
        }
        Path file = dir.resolve("oauth2-proxy.log");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        List<String> whole = describe(wholeRead(file));
        List<String> ranged = describe(rangedRead(file, rangeBytes, RecordBoundary.LINE, false));
        List<String> reversed = describe(rangedRead(file, rangeBytes, RecordBoundary.LINE, true));

        assertThat(whole).hasSize(301);
        assertThat(whole)
                .filteredOn(s -> s.startsWith("dead"))
                .singleElement()
                .asString()
                .contains("line 152");
        assertThat(ranged).containsExactlyElementsOf(whole);
        assertThat(reversed).containsExactlyElementsOf(whole);
    }

    @ParameterizedTest(name = "ranges of {0} bytes")
    @ValueSource(ints = {1, 333, 2048, 1 << 20})
    void eventXmlRangesReadExactlyTheEventsOfTheWholeFile(int rangeBytes) throws IOException {
        StringBuilder text = new StringBuilder("<?xml version='1.0'?>\n<Events>\n");
        for (int i = 0; i < 120; i++) {
            String e = event(1000 + i);
            if (i == 60) {
                e = e.replace("</System>", "</Sys>"); // malformed: dead-lettered with its line
            }
            text.append(e).append(i % 3 == 0 ? "\n" : "");
        }
        text.append("</Events>\n");
        Path file = dir.resolve("Security.xml");
        Files.writeString(file, text, StandardCharsets.UTF_8);

        List<String> whole = describe(wholeRead(file));
        List<String> ranged =
                describe(rangedRead(file, rangeBytes, RecordBoundary.XML_EVENT, false));
        List<String> reversed =
                describe(rangedRead(file, rangeBytes, RecordBoundary.XML_EVENT, true));

        assertThat(whole).hasSize(120);
        assertThat(whole).filteredOn(s -> s.startsWith("dead")).hasSize(1);
        assertThat(ranged).containsExactlyElementsOf(whole);
        assertThat(reversed).containsExactlyElementsOf(whole);
    }

    @Test
    void smallGzipAndUnsplittableFilesStayWhole() throws IOException {
        byte[] head = Files.readAllBytes(write("a.log", proxyLine(1) + "\n"));
        assertThat(FileRanges.ranges("a.log", head, 10_000, null, 1 << 20, 1000)).hasSize(1);
        assertThat(FileRanges.ranges("a.log", head, 10_000, null, 0, 1000)).hasSize(10);
        byte[] gzip = {0x1f, (byte) 0x8b, 8, 0};
        assertThat(FileRanges.ranges("a.log.gz", gzip, 10_000, null, 0, 1000)).hasSize(1);
        byte[] utf16 = ("\ufeff" + proxyLine(1) + "\n").getBytes(StandardCharsets.UTF_16LE);
        assertThat(FileRanges.ranges("a.log", utf16, 10_000, null, 0, 1000))
                .as("UTF-16 is read transcoded from its start")
                .hasSize(1);
        byte[] taskLog =
                "[2024-05-01, 12:00:03 UTC] {taskinstance.py:1157} INFO - Starting attempt 1 of 3\n"
                        .getBytes(StandardCharsets.UTF_8);
        assertThat(FileRanges.ranges("attempt=1.log", taskLog, 10_000, null, 0, 1000))
                .as("task logs have multi-line records")
                .hasSize(1);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static List<Parsed> wholeRead(Path file) throws IOException {
        try (RecordReader reader = FileParser.open(InputSource.of(file), null)) {
            return drain(reader);
        }
    }

    /**
     * Reads the file range by range, each range's records in place. Ranges read in order count
     * their lines on from the marks of earlier ranges; read in reverse, from marks past their
     * start, which they must not use. The ranges in order are read once more without marks.
     */
    private static List<Parsed> rangedRead(
            Path file, int rangeBytes, RecordBoundary expected, boolean reverse)
            throws IOException {
        InputSource whole = InputSource.of(file);
        byte[] head;
        try (InputStream in = whole.open()) {
            head = in.readNBytes(Formats.SNIFF_BYTES);
        }
        assertThat(FileRanges.boundary(whole.path(), head, null)).contains(expected);
        long size = Files.size(file);
        List<long[]> ranges = FileRanges.ranges(whole.path(), head, size, null, 0, rangeBytes);
        assertThat(ranges).hasSize((int) ((size + rangeBytes - 1) / rangeBytes));
        // (each order keeps its own marks: the reversed read must not find the in-order read's)
        String version =
                file + "@" + Files.getLastModifiedTime(file) + "/" + size + (reverse ? "r" : "");
        FileRanges.Opener opener =
                offset -> {
                    InputStream in = Files.newInputStream(file);
                    in.skipNBytes(offset);
                    return in;
                };
        List<List<Parsed>> byRange = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            byRange.add(null);
        }
        for (int k = 0; k < ranges.size(); k++) {
            int i = reverse ? ranges.size() - 1 - k : k;
            long[] range = ranges.get(i);
            try (RecordReader reader =
                    FileRanges.reader(whole, opener, range[0], range[1], null, version)) {
                byRange.set(i, drain(reader));
            }
        }
        List<Parsed> all = new ArrayList<>();
        byRange.forEach(all::addAll);
        if (!reverse) {
            List<Parsed> unmarked = new ArrayList<>();
            for (long[] range : ranges) {
                try (RecordReader reader =
                        FileRanges.reader(whole, opener, range[0], range[1], null, null)) {
                    unmarked.addAll(drain(reader));
                }
            }
            assertThat(describe(unmarked)).containsExactlyElementsOf(describe(all));
        }
        return all;
    }

    private static List<Parsed> drain(RecordReader reader) throws IOException {
        List<Parsed> out = new ArrayList<>();
        for (Parsed p; (p = reader.next()) != null; ) {
            out.add(p);
        }
        return out;
    }

    private static List<String> describe(List<Parsed> parsed) {
        return parsed.stream().map(FileRangesTest::describe).toList();
    }

    private static String describe(Parsed p) {
        if (p instanceof EcsDocument d) {
            return "event " + d.id() + " " + d.fields();
        }
        DeadLetter l = (DeadLetter) p;
        return "dead "
                + l.position()
                + " line "
                + l.line()
                + " "
                + l.reason()
                + " "
                + HexFormat.of().formatHex(l.raw());
    }
}
