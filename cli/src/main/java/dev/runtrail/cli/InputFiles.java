package dev.runtrail.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands command-line paths into the regular files under them, in a stable order. */
final class InputFiles {
    private InputFiles() {}

    static List<Path> expand(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                files.add(path);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .filter(p -> !isHidden(path, p))
                            .sorted()
                            .forEach(files::add);
                }
            } else {
                throw new NoSuchFileException(
                        path.toString(),
                        null,
                        "no such file or directory; expected a file or a directory of exports");
            }
        }
        return files;
    }

    /** Dot-files and dot-directories below the given root (e.g. .git) are not inputs. */
    private static boolean isHidden(Path root, Path file) {
        for (Path part : root.relativize(file)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    static long totalBytes(List<Path> files) {
        long total = 0;
        for (Path f : files) {
            try {
                total += Files.size(f);
            } catch (IOException e) {
                // counted as zero; the read itself reports the error
            }
        }
        return total;
    }
}
