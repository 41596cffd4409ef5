package dev.runtrail.ingest.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.InputSource;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonDocumentReaderTest {
    @Test
    void aFailingMapperDeadLettersOneElementAndReadingGoesOn() throws IOException {
        String json = "{\"items\":[{\"n\":1},{\"n\":2},{\"n\":3}],\"total_entries\":3}";
        JsonRecordMapper mapper =
                node -> {
                    if (node.path("n").asInt() == 2) {
                        throw new IllegalStateException("bug in the mapper");
                    }
                    return EcsDocument.event(null).put("n", node.path("n").asLong());
                };
        List<Parsed> all = readAll(json.getBytes(StandardCharsets.UTF_8), mapper);
        assertThat(all).hasSize(3);
        assertThat(all.get(0)).isInstanceOf(EcsDocument.class);
        assertThat(all.get(2)).isInstanceOf(EcsDocument.class);
        DeadLetter dl = (DeadLetter) all.get(1);
        assertThat(dl.position()).isEqualTo(json.indexOf("{\"n\":2}"));
        assertThat(new String(dl.raw(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":2}");
        assertThat(dl.reason()).contains("element 1 of 'items'").contains("bug in the mapper");
    }

    @Test
    void bytesThatJacksonTakesForUtf32ButAreNoneAreOneDeadLetter() throws IOException {
        // three zeros before '{' read as UTF-32BE, and the next four bytes are no character there
        // (what a damaged API response led to)
        byte[] bytes = {0, 0, 0, '{', 0x67, 0x60, 0x64, 0, '}', '\n'};
        List<Parsed> all = readAll(bytes, node -> EcsDocument.event(null));
        assertThat(all).hasSize(1);
        DeadLetter dl = (DeadLetter) all.get(0);
        assertThat(dl.position()).isZero();
        assertThat(dl.raw()).isEqualTo(bytes);
        assertThat(dl.reason())
                .startsWith("Byte 0: expected an item in well-formed JSON but the JSON breaks (")
                .contains("not text in the encoding JSON was read in")
                .contains("UTF-32");
    }

    /** What the reader yields for the bytes ({@code items} lists records); it reads them all. */
    private static List<Parsed> readAll(byte[] bytes, JsonRecordMapper mapper) throws IOException {
        List<Parsed> all = new ArrayList<>();
        try (JsonDocumentReader reader =
                new JsonDocumentReader(
                        InputSource.of(SourceRef.of("x.json"), "x.json", bytes),
                        "test",
                        "test.data",
                        Set.of("items"),
                        mapper,
                        "an item")) {
            for (Parsed p = reader.next(); p != null; p = reader.next()) {
                all.add(p);
            }
            assertThat(reader.bytesRead()).isEqualTo(bytes.length);
        }
        return all;
    }
}
