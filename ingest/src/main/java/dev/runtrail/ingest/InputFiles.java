package dev.runtrail.ingest;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Expands paths into the files to read, in a stable order. Dot-files and dot-directories are
 * skipped, and a directory may hold a {@value #IGNORE_FILE} file: one glob per line (blank lines
 * and {@code #} comments aside), matched against paths relative to that directory, naming files
 * that are not exports (a README, a manifest, ground truth). A file named explicitly is always
 * read.
 */
public final class InputFiles {
    /** Name of the per-directory ignore file. */
    public static final String IGNORE_FILE = ".runtrailignore";

    private InputFiles() {}

    /** A file to read, with the size and modification time its listing gave. */
    public record InputFile(Path path, long size, long lastModifiedMillis) {
        static InputFile of(Path path, BasicFileAttributes attrs) {
            return new InputFile(path, attrs.size(), attrs.lastModifiedTime().toMillis());
        }
    }

    /** The regular files under the paths (a file path stands for itself). */
    public static List<Path> expand(List<Path> paths) throws IOException {
        return paths(list(paths));
    }

    /** The paths of listed files, in their order. */
    public static List<Path> paths(List<InputFile> files) {
        List<Path> paths = new ArrayList<>(files.size());
        for (InputFile file : files) {
            paths.add(file.path());
        }
        return paths;
    }

    /**
     * {@link #expand} with each file's size and modification time, as the directory walk read them
     * (a file named explicitly is followed if it is a link): one {@code stat} per file in all.
     */
    public static List<InputFile> list(List<Path> paths) throws IOException {
        List<InputFile> files = new ArrayList<>();
        for (Path path : paths) {
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(path, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                attrs = null;
            }
            if (attrs != null && attrs.isRegularFile()) {
                files.add(InputFile.of(path, attrs));
            } else if (attrs != null && attrs.isDirectory()) {
                files.addAll(walk(path));
            } else {
                throw new NoSuchFileException(
                        path.toString(),
                        null,
                        "no such file or directory; expected a file or a directory of exports");
            }
        }
        return files;
    }

    private static List<InputFile> walk(Path root) throws IOException {
        List<InputFile> files = new ArrayList<>();
        Map<Path, List<PathMatcher>> ignores = new HashMap<>();
        Files.walkFileTree(
                root,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                            throws IOException {
                        if (!dir.equals(root) && hidden(dir) || ignored(dir, ignores)) {
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        Path ignoreFile = dir.resolve(IGNORE_FILE);
                        if (Files.isRegularFile(ignoreFile)) {
                            ignores.put(dir, matchers(ignoreFile));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (attrs.isRegularFile() && !hidden(file) && !ignored(file, ignores)) {
                            files.add(InputFile.of(file, attrs));
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
        files.sort(Comparator.comparing(InputFile::path));
        return files;
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean ignored(Path p, Map<Path, List<PathMatcher>> ignores) {
        for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
            List<PathMatcher> matchers = ignores.get(dir);
            if (matchers != null) {
                Path relative = dir.relativize(p);
                for (PathMatcher m : matchers) {
                    if (m.matches(relative)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<PathMatcher> matchers(Path ignoreFile) throws IOException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String line : Files.readAllLines(ignoreFile)) {
            String glob = line.strip();
            if (!glob.isEmpty() && !glob.startsWith("#")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
            }
        }
        return matchers;
    }

    /** Sum of the files' sizes as listed, for progress. */
    public static long totalSize(List<InputFile> files) {
        long total = 0;
        for (InputFile f : files) {
            total += f.size();
        }
        return total;
    }
}
