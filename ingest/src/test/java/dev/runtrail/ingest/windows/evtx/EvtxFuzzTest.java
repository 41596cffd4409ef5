package dev.runtrail.ingest.windows.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Parsed;
import java.nio.file.Files;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded random damage to a one-chunk Security sample: whatever the bytes, the reader returns
 * events and dead letters only (nothing thrown), and never more dead letters plus events than the
 * chunk could hold.
 */
class EvtxFuzzTest {
    @Test
    void randomByteDamageNeverThrows() throws Exception {
        byte[] clean = Files.readAllBytes(EvtxSamples.sample("Security_short_selected.evtx"));
        Random random = new Random(20261201L);
        int damagedRuns = 0;
        for (int run = 0; run < 300; run++) {
            byte[] bytes = clean.clone();
            int flips = 1 + random.nextInt(20);
            for (int i = 0; i < flips; i++) {
                // Aim at the chunk's used area, where records and templates are.
                int at = 4096 + random.nextInt(12288);
                bytes[at] = (byte) random.nextInt(256);
            }
            List<Parsed> out = EvtxSamples.readAll("fuzz-" + run + ".evtx", bytes);
            long dead = out.stream().filter(p -> p instanceof DeadLetter).count();
            long events = out.stream().filter(p -> p instanceof EcsDocument).count();
            assertEquals(out.size(), dead + events);
            assertTrue(out.size() <= 65536 / 28, "run " + run + ": " + out.size() + " results");
            if (dead > 0) {
                damagedRuns++;
            }
        }
        assertTrue(damagedRuns > 0, "some damage must have been detected");
    }
}
