package dev.runtrail.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The checkpoints a stream job keeps in its directory: Flink writes {@code DIR/<job id>/chk-<n>/}
 * and its {@code _metadata} file last, so a checkpoint whose {@code _metadata} exists is complete,
 * and one without it (the process died while writing it) is not.
 */
final class RetainedCheckpoints {
    private RetainedCheckpoints() {}

    /**
     * A completed checkpoint: its directory, when its {@code _metadata} was written, its number.
     */
    private record Completed(Path dir, FileTime written, long number) {}

    /**
     * The most recently completed checkpoint under {@code dir}, of any earlier job. A job that is
     * still running deletes its older checkpoints as newer ones complete; one that goes while it is
     * being looked at is passed over.
     */
    static Optional<Path> latest(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Completed> completed = new ArrayList<>();
        for (Path job : entries(dir)) {
            if (Files.isDirectory(job)) {
                for (Path checkpoint : entries(job)) {
                    completed(checkpoint).ifPresent(completed::add);
                }
            }
        }
        return completed.stream()
                .max(Comparator.comparing(Completed::written).thenComparingLong(Completed::number))
                .map(Completed::dir);
    }

    /** The entries of a directory; none when it is gone. */
    private static List<Path> entries(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the checkpoints in " + dir, e);
        }
    }

    /** The checkpoint, if {@code path} is one whose {@code _metadata} is there. */
    private static Optional<Completed> completed(Path path) {
        String name = path.getFileName().toString();
        if (!name.matches("chk-\\d+")) {
            return Optional.empty();
        }
        try {
            BasicFileAttributes metadata =
                    Files.readAttributes(path.resolve("_metadata"), BasicFileAttributes.class);
            if (!metadata.isRegularFile()) {
                return Optional.empty();
            }
            long number = Long.parseLong(name.substring("chk-".length()));
            return Optional.of(new Completed(path, metadata.lastModifiedTime(), number));
        } catch (NoSuchFileException e) {
            return Optional.empty(); // not complete, or deleted since the listing
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the checkpoint " + path, e);
        }
    }
}
