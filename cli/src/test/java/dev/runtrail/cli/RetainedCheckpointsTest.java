package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which retained checkpoint a restarted stream job resumes from. */
class RetainedCheckpointsTest {
    @TempDir Path dir;

    private Path checkpoint(String job, int n, String writtenAt) throws IOException {
        Path chk = Files.createDirectories(dir.resolve(job).resolve("chk-" + n));
        if (writtenAt != null) {
            Path metadata = Files.writeString(chk.resolve("_metadata"), "x");
            Files.setLastModifiedTime(metadata, FileTime.from(Instant.parse(writtenAt)));
        }
        return chk;
    }

    @Test
    void theLatestCompleteCheckpointOfAnyEarlierJobWins() throws IOException {
        checkpoint("job-a", 7, "2026-12-01T10:00:00Z");
        Path newest = checkpoint("job-b", 2, "2026-12-01T11:00:00Z");
        checkpoint("job-b", 1, "2026-12-01T10:30:00Z");
        checkpoint("job-b", 3, null); // the process died while writing it
        Files.createDirectories(dir.resolve("job-b/shared"));
        Files.createDirectories(dir.resolve("job-b/taskowned"));

        assertThat(RetainedCheckpoints.latest(dir)).contains(newest);
    }

    /**
     * A running job deletes its older checkpoints as newer ones complete, so a checkpoint listed a
     * moment ago may be gone when its {@code _metadata} is read. Here a thread does the same as
     * fast as it can while the checkpoints are looked up again and again: every lookup answers (a
     * checkpoint or none), none fails. (Reading the time of a {@code _metadata} found a moment
     * before failed within a few hundred lookups.)
     */
    @Test
    void checkpointsThatARunningJobDeletesMeanwhileArePassedOver() throws Exception {
        Path job = Files.createDirectories(dir.resolve("job-a"));
        AtomicBoolean stop = new AtomicBoolean();
        Thread subsuming =
                new Thread(
                        () -> {
                            try {
                                for (int n = 1; !stop.get(); n++) {
                                    Path chk = Files.createDirectories(job.resolve("chk-" + n));
                                    Files.writeString(chk.resolve("_metadata"), "x");
                                    Path old = job.resolve("chk-" + (n - 1));
                                    Files.deleteIfExists(old.resolve("_metadata"));
                                    Files.deleteIfExists(old);
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
        subsuming.start();
        try {
            int found = 0;
            for (int i = 0; i < 3000; i++) {
                Optional<Path> latest = RetainedCheckpoints.latest(dir);
                if (latest.isPresent()) {
                    assertThat(latest.get().getFileName().toString()).startsWith("chk-");
                    found++;
                }
            }
            assertThat(found).isPositive();
        } finally {
            stop.set(true);
            subsuming.join();
        }
    }

    @Test
    void anEmptyOrAbsentDirectoryHasNone() throws IOException {
        checkpoint("job-a", 1, null);

        assertThat(RetainedCheckpoints.latest(dir)).isEmpty();
        assertThat(RetainedCheckpoints.latest(dir.resolve("absent"))).isEmpty();
    }
}
