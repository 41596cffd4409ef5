package dev.runtrail.ingest.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Splits carry each file's path as {@link java.io.File#toURI()} writes it, and its size and
 * modification time as the file system reports them, though the enumerator reads both from its one
 * directory listing.
 */
class LocalFileEnumeratorTest {
    @TempDir Path dir;

    private static final List<String> NAMES =
            List.of(
                    "run_id=manual__2024-05-01T12:00:00+00:00/task_id=a/attempt=1.log",
                    "with space/and%percent.log",
                    "hash#and?question.log",
                    "brackets[1]{2}.log",
                    "accent-é-and-ß.log",
                    "semi;colon,comma'quote.log",
                    "plain.log");

    @Test
    void pathsSizesAndTimesAreThoseOfEachFile() throws Exception {
        List<Path> files = new ArrayList<>();
        long time = 1_700_000_000_000L;
        for (String name : NAMES) {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x".repeat(name.length()));
            Files.setLastModifiedTime(file, FileTime.fromMillis(time += 61_000));
            files.add(file);
            assertThat(LocalFileEnumerator.regularFilePath(file))
                    .as(name)
                    .isEqualTo(LocalFileEnumerator.toFlinkPath(file.toFile()));
        }

        Collection<FileSourceSplit> splits =
                new LocalFileEnumerator()
                        .enumerateSplits(
                                new org.apache.flink.core.fs.Path[] {
                                    LocalFileEnumerator.toFlinkPath(dir.toFile())
                                },
                                2);

        assertThat(splits).hasSameSizeAs(files);
        for (FileSourceSplit split : splits) {
            Path file = Path.of(split.path().toUri());
            assertThat(files).contains(file);
            assertThat(split.path()).isEqualTo(LocalFileEnumerator.toFlinkPath(file.toFile()));
            assertThat(split.fileSize()).isEqualTo(Files.size(file)).isEqualTo(split.length());
            assertThat(split.fileModificationTime())
                    .isEqualTo(Files.getLastModifiedTime(file).toMillis());
        }
    }
}
