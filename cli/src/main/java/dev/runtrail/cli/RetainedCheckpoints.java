package dev.runtrail.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints a stream job keeps in its directory: Flink writes {@code DIR/<job id>/chk-<n>/}
 * and its {@code _metadata} file last, so a checkpoint whose {@code _metadata} exists is complete,
 * and one without it (the process died while writing it) is not.
 */
final class RetainedCheckpoints {
    private RetainedCheckpoints() {}

    /** The most recently completed checkpoint under {@code dir}, of any earlier job. */
    static Optional<Path> latest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(dir)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(RetainedCheckpoints::completed)
                    .max(
                            Comparator.comparing(RetainedCheckpoints::written)
                                    .thenComparing(RetainedCheckpoints::number));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the checkpoints in " + dir, e);
        }
    }

    private static Stream<Path> completed(Path jobDir) {
        try (Stream<Path> entries = Files.list(jobDir)) {
            return entries
                    .filter(p -> p.getFileName().toString().matches("chk-\\d+"))
                    .filter(p -> Files.isRegularFile(p.resolve("_metadata")))
                    .toList()
                    .stream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the checkpoints in " + jobDir, e);
        }
    }

    private static FileTime written(Path checkpoint) {
        try {
            return Files.getLastModifiedTime(checkpoint.resolve("_metadata"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long number(Path checkpoint) {
        return Long.parseLong(checkpoint.getFileName().toString().substring("chk-".length()));
    }
}
