package dev.runtrail.ingest.windows.json;

import static dev.runtrail.ingest.windows.json.WinlogbeatFastReadingTest.replace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.RawRecords;
import dev.runtrail.ingest.windows.Records;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The Windows JSON readers make each event expecting the fields the last events of its id had on
 * the same thread (learned once the reader has stamped them). That is a hint only: every event read
 * after others must be the event a fresh reader gives for its line alone, field for field and in
 * the same order, whether its fields match the learned ones, miss some, add some or come in another
 * order.
 */
class LearnedLayoutsTest {
    private static final String MODERN = WinlogbeatJsonTest.MODERN;

    @Test
    void winlogbeatEventsAfterOthersOfTheirIdAreAsReadAlone() throws Exception {
        String fewer = replace(MODERN, "\"SubjectDomainName\":\"CORP\",", "");
        String more =
                replace(
                        MODERN,
                        "\"SubjectLogonId\"",
                        "\"TargetUserName\":\"alice\",\"SubjectLogonId\"");
        String reordered =
                replace(
                        MODERN,
                        "\"SubjectUserName\":\"svc_airflow\",\"SubjectDomainName\":\"CORP\",",
                        "\"SubjectDomainName\":\"CORP\",\"SubjectUserName\":\"svc_airflow\",");
        String otherId = replace(MODERN, "\"4672\"", "\"4634\"");
        String withSecret =
                replace(MODERN, "\"svc_airflow\"", "\"net use x: /user:svc P@ssw0rd-in-a-name\"");
        String noMessage =
                replace(MODERN, "\"message\":\"Special privileges assigned to new logon.\",", "");
        assertEachAsReadAlone(
                new WinlogbeatJsonFormat(),
                List.of(
                        MODERN,
                        MODERN,
                        fewer,
                        MODERN,
                        more,
                        reordered,
                        otherId,
                        MODERN,
                        withSecret,
                        MODERN,
                        noMessage,
                        fewer,
                        more,
                        MODERN));
    }

    @Test
    void nxlogEventsAfterOthersOfTheirIdAreAsReadAlone() throws Exception {
        String logon =
                "{\"TimeCreated\":\"2024-05-01T12:00:00.000Z\",\"Hostname\":\"WIN-01\","
                        + "\"Channel\":\"Security\",\"EventID\":4624,\"RecordNumber\":7,"
                        + "\"TargetUserName\":\"alice\",\"TargetDomainName\":\"CORP\","
                        + "\"TargetLogonId\":\"0x3e7a1\",\"LogonType\":\"3\","
                        + "\"IpAddress\":\"10.0.0.5\"}";
        String withoutIp = replace(logon, ",\"IpAddress\":\"10.0.0.5\"", "");
        String withProcess =
                replace(
                        logon,
                        "\"LogonType\"",
                        "\"ProcessName\":\"C:\\\\Windows\\\\a.exe\",\"LogonType\"");
        String logoff =
                replace(replace(logon, "4624", "4634"), "\"RecordNumber\":7", "\"RecordNumber\":8");
        assertEachAsReadAlone(
                new NxlogJsonFormat(),
                List.of(logon, withoutIp, logon, withProcess, logoff, logon, withoutIp));
    }

    @Test
    void winlogbeatAndNxlogEventsOfOneIdOnOneThreadAreAsReadAlone() throws Exception {
        String nxlog =
                "{\"TimeCreated\":\"2024-05-01T12:00:00.000Z\",\"Hostname\":\"WIN-01\","
                        + "\"Channel\":\"Security\",\"EventID\":4672,\"RecordNumber\":9,"
                        + "\"SubjectUserName\":\"svc_airflow\",\"SubjectLogonId\":\"0x3e7a1\"}";
        List<Raw> inTurn = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            inTurn.add(new Raw(new WinlogbeatJsonFormat(), MODERN, 0));
            inTurn.add(new Raw(new NxlogJsonFormat(), nxlog, 0));
        }
        List<Parsed> read = oneByOneOnFreshThread(inTurn);
        EcsDocument winlogbeat = aloneOnFreshThread(inTurn.get(0));
        EcsDocument nx = aloneOnFreshThread(inTurn.get(1));
        for (int i = 0; i < read.size(); i++) {
            EcsDocument expected = i % 2 == 0 ? winlogbeat : nx;
            assertThat(((EcsDocument) read.get(i)).fields())
                    .as("record %d", i + 1)
                    .containsExactlyEntriesOf(expected.fields());
        }
    }

    @Test
    void anEventWithVeryManyFieldsIsNotLearnedFrom() throws Exception {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            many.append(",\"Field").append(i).append("\":\"v").append(i).append('"');
        }
        String line =
                "{\"TimeCreated\":\"2024-05-01T12:00:00.000Z\",\"Hostname\":\"WIN-01\","
                        + "\"Channel\":\"Security\",\"EventID\":4688,\"RecordNumber\":3"
                        + many
                        + "}";
        Raw record = new Raw(new NxlogJsonFormat(), line, 0);
        List<Parsed> read = oneByOneOnFreshThread(List.of(record, record, record));
        EcsDocument alone = aloneOnFreshThread(record);
        assertThat(alone.fieldCount()).isGreaterThan(400);
        for (Parsed p : read) {
            EcsDocument event = (EcsDocument) p;
            assertThat(event.sharedNames()).isNull();
            assertThat(event.fields()).containsExactlyEntriesOf(alone.fields());
        }
    }

    /** A line of a format, read as a raw record from Kafka is: alone, at its offset in its file. */
    private record Raw(Format format, String line, long offset) {
        List<Parsed> parse() throws Exception {
            return RawRecords.parse(
                    SourceRef.of(NAME),
                    NAME,
                    offset,
                    format.name(),
                    line.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The records parsed in turn on one thread of their own (a reader each). */
    private static List<Parsed> oneByOneOnFreshThread(List<Raw> records) throws Exception {
        return onFreshThread(
                () -> {
                    List<Parsed> each = new ArrayList<>();
                    for (Raw record : records) {
                        each.addAll(record.parse());
                    }
                    return each;
                });
    }

    /** The event of the record parsed on a thread that has learned nothing. */
    private static EcsDocument aloneOnFreshThread(Raw record) throws Exception {
        return (EcsDocument) onFreshThread(record::parse).get(0);
    }

    /**
     * Reads the lines as one input, and one by one as raw records (as the Kafka source does, a
     * reader per record), each way on a thread of its own; then each line alone at the same byte
     * offset (after as many blank lines, which are not records) on a fresh thread, which has
     * learned nothing; and compares the events.
     */
    private static void assertEachAsReadAlone(Format format, List<String> lines) throws Exception {
        StringBuilder all = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        for (String line : lines) {
            offsets.add(all.toString().getBytes(StandardCharsets.UTF_8).length);
            all.append(line).append('\n');
        }
        Records.Result together =
                onFreshThread(() -> Records.readAll(format, Records.text(NAME, all.toString())));
        assertThat(together.dead()).isEmpty();
        assertThat(together.events()).hasSize(lines.size());
        List<Raw> records = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            records.add(new Raw(format, lines.get(i), offsets.get(i)));
        }
        List<Parsed> raw = oneByOneOnFreshThread(records);
        assertThat(raw).hasSize(lines.size()).allMatch(p -> p instanceof EcsDocument);
        // (the events that repeat an earlier one's fields were made on its shared layout)
        for (List<? extends Parsed> read : List.of(together.events(), raw)) {
            assertThat(read.stream().filter(e -> ((EcsDocument) e).sharedNames() != null).count())
                    .as("events made on a learned layout")
                    .isGreaterThanOrEqualTo(2);
        }
        for (int i = 0; i < lines.size(); i++) {
            String alone = "\n".repeat(offsets.get(i)) + lines.get(i) + "\n";
            Records.Result single =
                    onFreshThread(() -> Records.readAll(format, Records.text(NAME, alone)));
            assertThat(single.events()).as("line %d alone", i + 1).hasSize(1);
            EcsDocument expected = single.events().get(0);
            assertThat(expected.sharedNames()).as("line %d alone", i + 1).isNull();
            // then as the jobs hand them on: finished, redacted by the document pass
            Documents.finish(expected, INGESTED);
            for (EcsDocument actual : List.of(together.events().get(i), (EcsDocument) raw.get(i))) {
                Documents.finish(actual, INGESTED);
                assertThat(actual.id()).as("line %d", i + 1).isEqualTo(expected.id());
                assertThat(actual.fields())
                        .as("line %d", i + 1)
                        .containsExactlyEntriesOf(expected.fields());
            }
        }
    }

    private static final String NAME = "w.ndjson";
    private static final Instant INGESTED = Instant.parse("2024-06-01T00:00:00Z");

    private static <T> T onFreshThread(Callable<T> work) throws Exception {
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            return thread.submit(work).get();
        } finally {
            thread.shutdownNow();
        }
    }
}
