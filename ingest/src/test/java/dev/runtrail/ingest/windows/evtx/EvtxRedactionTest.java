package dev.runtrail.ingest.windows.evtx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Documents;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.TestReading;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Hashing;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A real secret in a real EVTX sample: record 1934512 of mitre_Hidden_user_creation_4720_4728.evtx
 * is a 4688 whose command line ends in {@code -u 3teamssixf -p Passw0rd} (so says the evtxexport
 * reference). The reader redacts each value before it renders the XML, so the mask covers the
 * password and nothing of the markup after it.
 */
class EvtxRedactionTest {
    private static final String FILE = "mitre_Hidden_user_creation_4720_4728.evtx";
    private static final long RECORD = 1934512;

    /** The command line of the reference, with its last word masked. */
    private static final String REDACTED_COMMAND_LINE =
            "CreateHiddenAccount_upx_v0.2.exe  -u 3teamssixf -p [REDACTED]";

    @ParameterizedTest(name = "walk only: {0}")
    @ValueSource(booleans = {false, true})
    void thePasswordIsMaskedInsideItsValueAndTheXmlStaysWhole(boolean walkOnly) throws Exception {
        Path file = EvtxSamples.sample(FILE);
        EcsDocument event = record(file, walkOnly);

        String original = event.getString(Ecs.EVENT_ORIGINAL);
        assertThat(original).doesNotContain("Passw0rd");
        Map<String, String> data = eventData(original);
        assertThat(data.get("CommandLine")).isEqualTo(REDACTED_COMMAND_LINE);
        assertThat(event.getString(Ecs.WINLOG_EVENT_DATA + "CommandLine"))
                .isEqualTo(REDACTED_COMMAND_LINE);
        assertThat(event.getString(Ecs.PROCESS_COMMAND_LINE)).isEqualTo(REDACTED_COMMAND_LINE);
        assertThat(event.get(Ecs.RUNTRAIL_REDACTED)).isEqualTo(List.of("cli-user-password-pair"));

        // Every other value is the reference's own, and putting the password back gives the
        // reference command line: the mask replaced the password and nothing else.
        ReferenceEvents.Event reference = reference(file);
        Map<String, String> others = new LinkedHashMap<>(data);
        others.remove("CommandLine");
        Map<String, String> referenceOthers = new LinkedHashMap<>(reference.data());
        String referenceCommandLine = referenceOthers.remove("CommandLine");
        assertThat(others).isEqualTo(referenceOthers);
        assertThat(REDACTED_COMMAND_LINE.replace("[REDACTED]", "Passw0rd"))
                .isEqualTo(referenceCommandLine);
    }

    @ParameterizedTest(name = "walk only: {0}")
    @ValueSource(booleans = {false, true})
    void finishingTheDocumentChangesNothingMore(boolean walkOnly) throws Exception {
        EcsDocument event = record(EvtxSamples.sample(FILE), walkOnly);
        EcsDocument before = event.copy();

        EcsDocument finished = Documents.finish(event, Instant.EPOCH);

        assertThat(finished.fields()).isEqualTo(before.fields());
    }

    /**
     * The same record in a chunk whose header is damaged: the whole chunk is one dead letter, kept
     * as base64, and the password in its UTF-16 bytes is masked there as well.
     */
    @Test
    void thePasswordIsMaskedInTheBytesOfADeadLetteredChunk() throws Exception {
        byte[] file = Files.readAllBytes(EvtxSamples.sample(FILE));
        byte[] password = "Passw0rd".getBytes(StandardCharsets.UTF_16LE);
        int at = indexOf(file, password);
        assertThat(at).as("the password's UTF-16 bytes in " + FILE).isPositive();
        int chunk = 4096 + (at - 4096) / 65536 * 65536;
        byte[] damaged = file.clone();
        Arrays.fill(damaged, chunk, chunk + 8, (byte) 0); // the "ElfChnk" magic
        byte[] rawChunk = Arrays.copyOfRange(damaged, chunk, chunk + 65536);

        List<Parsed> all = EvtxSamples.readAll(InputSource.of(SourceRef.of(FILE), FILE, damaged));
        DeadLetter letter =
                TestReading.deadLetters(all).stream()
                        .filter(d -> d.position() == chunk)
                        .findFirst()
                        .orElseThrow();
        EcsDocument doc = Documents.finish(letter, Instant.EPOCH);

        byte[] shown = Base64.getDecoder().decode(doc.getString(Ecs.RUNTRAIL_RAW_BASE64));
        assertThat(shown).hasSize(65536);
        assertThat(indexOf(shown, password)).isNegative();
        // The bytes that changed are one run of UTF-16 '*' from the password's first byte. The
        // rule's secret runs to the next white space, '<' or '"', so the run goes on over the
        // bytes after the password up to such a character.
        int first = at - chunk;
        assertThat(Arrays.mismatch(shown, rawChunk)).isEqualTo(first);
        int end = shown.length;
        while (shown[end - 1] == rawChunk[end - 1]) {
            end--;
        }
        end += (end - first) % 2;
        assertThat(end - first).isGreaterThanOrEqualTo(password.length);
        for (int i = first; i < end; i += 2) {
            assertThat(shown[i] == '*' && shown[i + 1] == 0).as("masked at " + i).isTrue();
        }
        char after = (char) ((rawChunk[end] & 0xFF) | (rawChunk[end + 1] & 0xFF) << 8);
        assertThat(" \t\n\u000b\f\r<\"").contains(String.valueOf(after));
        assertThat(doc.get(Ecs.RUNTRAIL_REDACTED)).isEqualTo(List.of("cli-user-password-pair"));
        assertThat(doc.getString(Ecs.EVENT_HASH)).isEqualTo(Hashing.sha256Hex(rawChunk));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    private static EcsDocument record(Path file, boolean walkOnly) throws Exception {
        EvtxReader reader = EvtxReader.open(InputSource.of(file));
        if (walkOnly) {
            reader.walkOnly();
        }
        List<Parsed> all;
        try (reader) {
            all = TestReading.readAll(reader);
        }
        return all.stream()
                .filter(
                        p ->
                                p instanceof EcsDocument e
                                        && e.getLong(Ecs.WINLOG_RECORD_ID) == RECORD)
                .map(EcsDocument.class::cast)
                .findFirst()
                .orElseThrow(() -> new AssertionError("record " + RECORD + " not in " + file));
    }

    private static ReferenceEvents.Event reference(Path file) throws Exception {
        Path gz = EvtxSamples.root().resolve("reference").resolve(FILE + ".evtxexport.xml.gz");
        return ReferenceEvents.read(gz).stream()
                .filter(e -> e.recordId() == RECORD)
                .findFirst()
                .orElseThrow();
    }

    /** The Data values of an event's XML, read with the JDK's parser (which rejects bad XML). */
    private static Map<String, String> eventData(String xml) throws Exception {
        var doc =
                DocumentBuilderFactory.newInstance()
                        .newDocumentBuilder()
                        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        NodeList nodes = doc.getElementsByTagName("Data");
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element d = (Element) nodes.item(i);
            data.put(d.getAttribute("Name"), d.getTextContent());
        }
        return data;
    }
}
