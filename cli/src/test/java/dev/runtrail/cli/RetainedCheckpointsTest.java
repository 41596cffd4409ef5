package dev.runtrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
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

    @Test
    void anEmptyOrAbsentDirectoryHasNone() throws IOException {
        checkpoint("job-a", 1, null);

        assertThat(RetainedCheckpoints.latest(dir)).isEmpty();
        assertThat(RetainedCheckpoints.latest(dir.resolve("absent"))).isEmpty();
    }
}
