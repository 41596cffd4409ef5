package dev.runtrail.sinks.ndjson;

import dev.runtrail.model.Kind;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the NDJSON sink writes: with one writer, {@code DIR/<kind>.ndjson} (e.g. {@code
 * runs.ndjson}); with several, one part file per writer under {@code DIR/<kind>/}, named {@code
 * part-<subtask>.ndjson}. Readers take either form; within a kind a later line with the same {@code
 * _id} supersedes an earlier one.
 */
public record NdjsonLayout(Path dir, int parallelism) {

    /** The file one writer writes documents of one kind to. */
    public Path file(Kind kind, int subtask) {
        if (parallelism == 1) {
            return dir.resolve(kind.fileName());
        }
        return dir.resolve(kind.id()).resolve(partName(subtask));
    }

    static String partName(int subtask) {
        return "part-" + subtask + ".ndjson";
    }

    /**
     * Removes what an earlier run with another parallelism left behind, so the directory holds only
     * this run's output: the single file when there are part files, part files when there is a
     * single file, and part files of subtasks this run does not have. Never touches a file a writer
     * of this run owns.
     */
    public void removeStaleFiles() throws IOException {
        for (Kind kind : Kind.values()) {
            Path single = dir.resolve(kind.fileName());
            Path parts = dir.resolve(kind.id());
            if (parallelism > 1) {
                Files.deleteIfExists(single);
            }
            if (!Files.isDirectory(parts)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(parts, "part-*.ndjson")) {
                for (Path part : files) {
                    if (parallelism == 1 || subtaskOf(part) >= parallelism) {
                        Files.deleteIfExists(part);
                    }
                }
            }
        }
    }

    private static int subtaskOf(Path part) {
        String name = part.getFileName().toString();
        try {
            return Integer.parseInt(
                    name.substring("part-".length(), name.length() - ".ndjson".length()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // not ours to keep
        }
    }
}
