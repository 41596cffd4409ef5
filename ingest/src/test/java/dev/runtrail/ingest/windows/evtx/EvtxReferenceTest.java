package dev.runtrail.ingest.windows.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runtrail.ingest.redact.Redactor;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Compares our EVTX reader with Debian's {@code evtxexport -f xml} (libevtx 20181227) on every
 * shared sample: record count and, record by record, event id, record id, timestamp, computer and
 * every EventData/UserData name and value.
 *
 * <p>Differences are allowed only where written down here with their reason:
 *
 * <ul>
 *   <li>evtxexport stops reading a chunk at its first broken record and goes on with the next
 *       chunk; we dead-letter the broken record and resynchronise on the next record frame whose
 *       magic, size and trailing size copy agree. Records found that way are extra records the
 *       reference lacks; each must follow a dead letter in the same chunk.
 *   <li>evtxexport prints string values without escaping {@code <}, so a value holding XML text
 *       (LiveId's SOAP envelopes) parses as markup; for those we compare the character data.
 *   <li>A value that is only white space is printed empty by evtxexport; we keep it.
 *   <li>A chunk whose header CRC32 does not match is still read, as evtxexport does
 *       (Application_no_crc32.evtx stores 0 as its header checksum).
 *   <li>evtxexport skips chunks whose magic is wrong without a word; we dead-letter each such chunk
 *       (all-zero, never used chunks are skipped by both).
 *   <li>The reader redacts secrets in values (see {@code redact/rules.yaml}); evtxexport prints
 *       them. A reference value is compared after the default rules have redacted it (today one
 *       value in the samples changes: the {@code -p} password on a command line in
 *       mitre_Hidden_user_creation_4720_4728.evtx, record 1934512; {@code EvtxRedactionTest} checks
 *       that record on its own).
 *   <li>Files where evtxexport fails altogether (exit 1, empty output) are listed in {@link
 *       #REFERENCE_FAILS} with the count evtxinfo reports, which we must reach.
 * </ul>
 */
class EvtxReferenceTest {

    /** Files whose dead letters are expected, with how many and why (from the chunk headers). */
    private static final Map<String, Integer> EXPECTED_DEAD_LETTERS =
            Map.of(
                    // chunk 1: the record at file offset 102040 has a trailing size copy that
                    // differs from its size (VSS-recovered, partly overwritten chunk)
                    "2-vss_0-Microsoft-Windows-TerminalServices-RemoteConnectionManager%4Operational.evtx",
                    1,
                    // the 6th record (file offset 8080) was being written: trailing size copy 0;
                    // evtxexport shows 5 records, python-evtx renders a 6th from the partial bytes
                    "Microsoft-Windows-HelloForBusiness%4Operational.evtx",
                    1,
                    // three half-written records (trailing size copy 0) in chunks 0, 7 and 9, and
                    // chunks 6 and 10 whose magic is zeroed but whose bodies are not (chunks 1-5
                    // and 11-15 are all zero: unused)
                    "sample_with_a_bad_chunk_magic.evtx",
                    5,
                    // the header says 1 chunk; chunks 0-8 are valid, chunks 9-16 are slack holding
                    // foreign data (no chunk magic)
                    "sysmon.evtx",
                    8);

    /**
     * Files on which evtxexport fails (exit 1: "invalid binary XML token - unsupported type 0x05":
     * these files write elements outside templates without the two-byte dependency identifier that
     * libevtx always expects), with the record count evtxinfo reports for them; we parse them all.
     */
    private static final Map<String, Integer> REFERENCE_FAILS =
            Map.of(
                    "MSExchange_Management_wec.evtx", 1,
                    "mitre_RDP_success_logins_multiple_hosts_1149.evtx", 11);

    @TestFactory
    Stream<DynamicTest> everySampleMatchesEvtxexport() throws Exception {
        Path dir = EvtxSamples.evtxDir();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        assertTrue(
                files.size() >= 30, "expected the 31 shared EVTX samples, found " + files.size());
        return files.stream()
                .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> compare(f)));
    }

    private void compare(Path file) throws Exception {
        String name = file.getFileName().toString();
        Path reference =
                EvtxSamples.root().resolve("reference").resolve(name + ".evtxexport.xml.gz");
        List<ReferenceEvents.Event> expected = ReferenceEvents.read(reference);
        List<Parsed> ours = EvtxSamples.readAll(file);

        List<DeadLetter> deadLetters = new ArrayList<>();
        List<EcsDocument> events = new ArrayList<>();
        for (Parsed p : ours) {
            if (p instanceof DeadLetter d) {
                deadLetters.add(d);
            } else {
                events.add((EcsDocument) p);
            }
        }
        assertEquals(
                EXPECTED_DEAD_LETTERS.getOrDefault(name, 0),
                deadLetters.size(),
                name + ": dead letters " + deadLetters);

        Integer failCount = REFERENCE_FAILS.get(name);
        if (failCount != null) {
            assertEquals(0, expected.size(), name + ": the reference was expected to be empty");
            assertEquals(failCount, events.size(), name + ": records evtxinfo counts");
            for (EcsDocument e : events) {
                assertNotNull(e.getLong(Ecs.WINLOG_EVENT_ID), name);
                assertNotNull(e.timestamp(), name);
                assertNotNull(e.getString(Ecs.HOST_NAME), name);
            }
            if (name.startsWith("MSExchange")) {
                // This record stores its System values as literal text; `strings -el` shows them.
                EcsDocument e = events.get(0);
                assertEquals(3229L, e.getLong(Ecs.WINLOG_RECORD_ID));
                assertEquals(Instant.parse("2021-11-19T16:52:33.833733500Z"), e.timestamp());
                assertEquals("WEC.ave.local", e.getString(Ecs.HOST_NAME));
                assertEquals("MSExchange Management", e.getString(Ecs.WINLOG_CHANNEL));
                assertEquals("Set-Mailbox", e.getString(Ecs.WINLOG_EVENT_DATA + "param1"));
                assertEquals(
                        "ave.local/Users/Administrateur",
                        e.getString(Ecs.WINLOG_EVENT_DATA + "param3"));
            } else {
                for (EcsDocument e : events) {
                    assertEquals("1149", e.getString(Ecs.EVENT_CODE), name);
                    assertTrue(e.getString(Ecs.HOST_NAME).endsWith(".offsec.lan"), name);
                }
            }
            return;
        }

        int j = 0;
        long lastDeadLetterChunk = -1;
        int extras = 0;
        for (Parsed p : ours) {
            if (p instanceof DeadLetter d) {
                lastDeadLetterChunk = chunkOf(d.position());
                continue;
            }
            EcsDocument e = (EcsDocument) p;
            long position = e.getLong(Ecs.RUNTRAIL_SOURCE_POSITION);
            if (j < expected.size()
                    && expected.get(j).recordId() == e.getLong(Ecs.WINLOG_RECORD_ID)) {
                compareEvent(name, expected.get(j), e);
                j++;
            } else if (chunkOf(position) == lastDeadLetterChunk) {
                extras++; // recovered after a broken record; evtxexport stopped this chunk
            } else {
                fail(
                        name
                                + ": record "
                                + e.getLong(Ecs.WINLOG_RECORD_ID)
                                + " at offset "
                                + position
                                + " is not in the reference (next expected: "
                                + (j < expected.size() ? expected.get(j).recordId() : "none")
                                + ")");
            }
        }
        assertEquals(expected.size(), j, name + ": reference records matched");
        assertEquals(expected.size() + extras, events.size(), name + ": events");
    }

    private static long chunkOf(long fileOffset) {
        return (fileOffset - 4096) / 65536;
    }

    private static void compareEvent(String file, ReferenceEvents.Event ref, EcsDocument e) {
        String where = file + " record " + ref.recordId();
        assertEquals(ref.eventId(), e.getString(Ecs.EVENT_CODE), where + " event id");
        assertEquals(Instant.parse(ref.systemTime()), e.timestamp(), where + " time");
        assertEquals(emptyToNull(ref.computer()), e.getString(Ecs.HOST_NAME), where + " computer");
        assertEquals(
                emptyToNull(ref.channel()), e.getString(Ecs.WINLOG_CHANNEL), where + " channel");
        long whitespaceOnly = 0;
        for (Map.Entry<String, String> d : ref.data().entrySet()) {
            String ours =
                    ReferenceEvents.controlPictures(
                            xmlLineEnds(e.getString(Ecs.WINLOG_EVENT_DATA + d.getKey())));
            if (d.getValue().isEmpty() && ours != null && ours.isBlank()) {
                // evtxexport prints a value that is only white space (Application_no_crc32 record
                // 441: ExtraInfo is one line feed) as an empty element; we keep it as written.
                whitespaceOnly++;
                continue;
            }
            String expected = Redactor.defaults().redact(d.getValue(), new HashSet<>());
            assertEquals(emptyToNull(expected), ours, where + " " + d.getKey());
        }
        for (Map.Entry<String, String> d : ref.markupData().entrySet()) {
            // evtxexport printed this string value unescaped, so it parsed as markup; compare its
            // character data with ours stripped of tags.
            String ours = e.getString(Ecs.WINLOG_EVENT_DATA + d.getKey());
            assertNotNull(ours, where + " " + d.getKey());
            assertTrue(ours.startsWith("<"), where + " " + d.getKey() + " holds XML text");
            assertEquals(
                    d.getValue(),
                    xmlLineEnds(ours.replaceAll("<[^>]*>", "")),
                    where + " " + d.getKey() + " text");
        }
        long ourFields =
                e.fields().keySet().stream()
                        .filter(k -> k.startsWith(Ecs.WINLOG_EVENT_DATA))
                        .count();
        long refNonEmpty =
                ref.data().values().stream().filter(v -> !v.isEmpty()).count()
                        + ref.markupData().size();
        assertEquals(
                refNonEmpty + whitespaceOnly,
                ourFields,
                where + " event_data field count " + ref.data().keySet());
    }

    /**
     * The reference text went through an XML parser, which turns CR LF and lone CR into LF (XML 1.0
     * section 2.11); apply the same to our raw value before comparing.
     */
    private static String xmlLineEnds(String s) {
        return s == null ? null : s.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
