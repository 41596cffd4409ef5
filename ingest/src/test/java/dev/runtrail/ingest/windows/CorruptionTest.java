package dev.runtrail.ingest.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage to real samples (cut files, overwritten bytes): the readers must never
 * throw, every event and dead letter must come back with a position inside the input, and a damaged
 * copy can only lose events to dead letters, never gain events.
 */
class CorruptionTest {
    private static final int ROUNDS = 40;

    @Test
    void eventXmlSurvivesDamage() throws Exception {
        damage(
                Records.samples("xml")
                        .resolve(
                                "rendered_mitre_Runas_execution_with_different_user_4688_4648_4624.python-evtx.xml"),
                "windows-xml");
    }

    @Test
    void nxlogJsonSurvivesDamage() throws Exception {
        damage(
                Records.samples("winjson")
                        .resolve("otrf_cmd_psexec_lsa_secrets_dump_2020-10-1903305471.json"),
                "nxlog-json");
    }

    private static void damage(Path sample, String formatName) throws Exception {
        Format format = Formats.byName(formatName).orElseThrow();
        byte[] clean = Files.readAllBytes(sample);
        int cleanEvents = Records.readAll(format, Records.bytes("clean", clean)).events().size();
        Random random = new Random(20241201L);
        for (int round = 0; round < ROUNDS; round++) {
            byte[] bytes = Arrays.copyOf(clean, random.nextInt(clean.length / 2, clean.length + 1));
            int flips = random.nextInt(1, 8);
            for (int i = 0; i < flips; i++) {
                bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
            }
            Records.Result r = Records.readAll(format, Records.bytes("damaged", bytes));
            assertThat(r.events().size() + r.dead().size()).isEqualTo(r.all().size());
            assertThat(r.events().size()).isLessThanOrEqualTo(cleanEvents);
            for (EcsDocument e : r.events()) {
                assertThat((Long) e.get(Ecs.RUNTRAIL_SOURCE_POSITION))
                        .isBetween(0L, (long) bytes.length);
            }
            for (DeadLetter d : r.dead()) {
                assertThat(d.position()).isBetween(0L, (long) bytes.length);
                assertThat(d.reason()).isNotBlank();
                assertThat(d.rawLength()).isPositive();
            }
        }
    }
}
