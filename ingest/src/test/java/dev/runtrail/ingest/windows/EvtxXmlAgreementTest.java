package dev.runtrail.ingest.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same events read from an EVTX file and from an XML export of them map to the same ECS fields.
 * The EVTX reader fills its record while it walks binary XML, the XML reader while it scans text;
 * both feed {@link WindowsEventMapper}, but each decides on its own which element fills which
 * System field and EventData key. Here the XML export is the EVTX reader's own rendering of each
 * record ({@code event.original}), so any field that differs comes from those two decisions.
 *
 * <p>Not compared: what identifies the source (file, offsets, format, dataset derived from the
 * channel the same way, raw-bytes hash, the rendered text itself). Values are compared after line
 * ends are normalized as every XML parser must ({@code CR LF} to {@code LF}): EVTX keeps the {@code
 * CR LF} inside values, as {@code evtxexport} shows them, while a parsed XML export cannot. Records
 * whose rendering holds characters XML does not allow (a control character from a malformed DNS
 * name) are dead letters of the XML reader, as they must be, and are left out.
 */
class EvtxXmlAgreementTest {
    private static final Format EVTX = Formats.byName("evtx").orElseThrow();
    private static final Format XML = Formats.byName("windows-xml").orElseThrow();

    static Stream<Path> samples() throws IOException {
        Path dir = TestReading.samplesFolder("evtx");
        return Files.list(dir).filter(p -> p.toString().endsWith(".evtx")).sorted();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void anXmlExportOfTheRecordsMapsToTheSameFields(Path file) throws IOException {
        List<EcsDocument> fromEvtx =
                Records.readAll(EVTX, dev.runtrail.ingest.InputSource.of(file)).events();
        StringBuilder export =
                new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Events>\n");
        for (EcsDocument event : fromEvtx) {
            export.append(event.getString(Ecs.EVENT_ORIGINAL)).append('\n');
        }
        export.append("</Events>\n");
        Records.Result fromXml =
                Records.readAll(
                        XML,
                        Records.bytes(
                                file.getFileName() + ".xml",
                                export.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(fromXml.events().size() + fromXml.dead().size())
                .as("records of the XML export")
                .isEqualTo(fromEvtx.size());
        for (var dead : fromXml.dead()) {
            assertThat(dead.reason()).as("why the XML reader refused a record").contains("U+00");
        }
        Map<String, EcsDocument> xmlByRecord = new HashMap<>();
        for (EcsDocument event : fromXml.events()) {
            xmlByRecord.put(key(event), event);
        }
        List<String> differences = new ArrayList<>();
        int compared = 0;
        for (EcsDocument event : fromEvtx) {
            EcsDocument other = xmlByRecord.get(key(event));
            if (other == null) {
                continue; // a dead letter of the XML reader, checked above
            }
            compared++;
            TreeSet<String> names = new TreeSet<>(event.fields().keySet());
            names.addAll(other.fields().keySet());
            for (String name : names) {
                if (isSourceIdentity(name)) {
                    continue;
                }
                Object a = normalized(event.fields().get(name));
                Object b = normalized(other.fields().get(name));
                if (!java.util.Objects.equals(a, b)) {
                    differences.add(key(event) + " " + name + ": evtx=" + a + " xml=" + b);
                }
            }
        }
        assertThat(differences).as("fields that differ, %d records compared", compared).isEmpty();
        assertThat(compared).isGreaterThanOrEqualTo(fromEvtx.size() - fromXml.dead().size());
    }

    private static String key(EcsDocument event) {
        return event.get(Ecs.WINLOG_RECORD_ID) + "@" + event.get(Ecs.TIMESTAMP);
    }

    private static boolean isSourceIdentity(String name) {
        return name.equals(Ecs.EVENT_ORIGINAL)
                || name.equals(Ecs.EVENT_HASH)
                || name.startsWith("runtrail.")
                || name.startsWith("log.")
                || name.startsWith("winlog.evtx.");
    }

    private static Object normalized(Object value) {
        if (value instanceof String s) {
            return s.replace("\r\n", "\n");
        }
        if (value instanceof List<?> list) {
            return list.stream().map(EvtxXmlAgreementTest::normalized).toList();
        }
        return value;
    }
}
