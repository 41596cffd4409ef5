package dev.runtrail.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveTask;

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
        // The directories are listed in parallel: a listing spends nearly all its time in the
        // kernel (an lstat per entry, an open and a read per directory), and an Airflow log tree
        // has more directories than files.
        ForkJoinPool pool =
                new ForkJoinPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        List<InputFile> files;
        try {
            files = pool.invoke(new DirectoryListing(root, null));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            pool.shutdown();
        }
        files.sort(Comparator.comparing(InputFile::path));
        return files;
    }

    /**
     * The ignore files that apply below a directory: the nearest one first, then those of the
     * directories above it.
     */
    private record Ignores(Path dir, List<PathMatcher> matchers, Ignores outer) {
        /** Whether a file or directory below the directories of these ignore files is ignored. */
        static boolean ignored(Path p, Ignores ignores) {
            for (Ignores i = ignores; i != null; i = i.outer) {
                Path relative = i.dir.relativize(p);
                for (PathMatcher m : i.matchers) {
                    if (m.matches(relative)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /**
     * The files in and below one directory that are not hidden or ignored, with the directories
     * below it listed as tasks of their own.
     */
    private static final class DirectoryListing extends RecursiveTask<List<InputFile>> {
        private final Path dir;
        private final Ignores outer;

        DirectoryListing(Path dir, Ignores outer) {
            this.dir = dir;
            this.outer = outer;
        }

        @Override
        protected List<InputFile> compute() {
            try {
                return list();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private List<InputFile> list() throws IOException {
            List<Path> entries = new ArrayList<>();
            boolean ignoreFile = false;
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path entry : stream) {
                    String name = entry.getFileName().toString();
                    if (name.equals(IGNORE_FILE)) {
                        ignoreFile = true;
                    } else if (!name.startsWith(".")) {
                        entries.add(entry);
                    }
                }
            }
            Ignores ignores = outer;
            Path ignorePath = dir.resolve(IGNORE_FILE);
            if (ignoreFile && Files.isRegularFile(ignorePath)) {
                ignores = new Ignores(dir, matchers(ignorePath), outer);
            }
            List<InputFile> files = new ArrayList<>();
            List<DirectoryListing> below = new ArrayList<>();
            for (Path entry : entries) {
                if (Ignores.ignored(entry, ignores)) {
                    continue; // (by its path alone, so without reading its attributes)
                }
                BasicFileAttributes attrs;
                try {
                    attrs =
                            Files.readAttributes(
                                    entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                } catch (NoSuchFileException e) {
                    continue; // removed since the directory was read
                }
                // links below a named directory are not followed, to files or to directories
                if (attrs.isDirectory()) {
                    below.add(new DirectoryListing(entry, ignores));
                } else if (attrs.isRegularFile()) {
                    files.add(InputFile.of(entry, attrs));
                }
            }
            for (DirectoryListing listing : invokeAll(below)) {
                files.addAll(listing.join());
            }
            return files;
        }
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
