package dev.runtrail.ingest.flink;

import dev.runtrail.ingest.InputFiles;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.core.fs.Path;

/**
 * Lists the files under local paths with {@code java.nio} and gives Flink one split per file.
 * Flink's own enumerator builds child paths from strings, and Airflow's log tree has names such as
 * {@code run_id=manual__2024-05-01T12:00:00+00:00} that its path parser takes for a URI scheme;
 * paths built here go through {@link File#toURI()} instead. Which files are read is decided by
 * {@link InputFiles} (dot-files and {@code .runtrailignore} patterns are skipped), as for the CLI.
 * Non-local paths fall back to Flink's enumerator.
 */
public final class LocalFileEnumerator implements FileEnumerator {
    /** Provider for {@code FileSource.setFileEnumerator}. */
    public static final Provider PROVIDER = LocalFileEnumerator::new;

    private final FileEnumerator fallback = new NonSplittingRecursiveEnumerator();

    /** A Flink path for a local file that survives colons and other URI-unfriendly characters. */
    public static Path toFlinkPath(File file) {
        return new Path(file.getAbsoluteFile().toURI());
    }

    /**
     * {@link #toFlinkPath(File)} of a path known to be a regular file: the same URI, without the
     * {@code stat} {@link File#toURI()} makes to find out whether to end it with a slash.
     */
    static Path regularFilePath(java.nio.file.Path file) {
        String path = file.toAbsolutePath().toString();
        if (path.startsWith("//")) {
            path = "//" + path; // as File.toURI writes a UNC-like path
        }
        try {
            return new Path(new URI("file", null, path, null));
        } catch (URISyntaxException e) {
            return toFlinkPath(file.toFile());
        }
    }

    /** EVTX chunk ranges, text ranges of large line or XML exports, else the whole file. */
    private static List<long[]> ranges(java.nio.file.Path file, long size) throws IOException {
        List<long[]> evtx = EvtxSplits.ranges(file, size);
        if (evtx.size() > 1 || size < FileRanges.MIN_FILE_BYTES) {
            return evtx;
        }
        byte[] head;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(dev.runtrail.ingest.Formats.SNIFF_BYTES);
        }
        return FileRanges.ranges(
                file.toString(),
                head,
                size,
                null,
                FileRanges.MIN_FILE_BYTES,
                FileRanges.RANGE_BYTES);
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] paths, int minDesiredSplits)
            throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        for (Path path : paths) {
            String scheme = path.toUri().getScheme();
            if (scheme != null && !scheme.equals("file")) {
                splits.addAll(fallback.enumerateSplits(new Path[] {path}, minDesiredSplits));
                continue;
            }
            java.nio.file.Path root = new File(path.toUri().getPath()).toPath();
            for (InputFiles.InputFile input : InputFiles.list(List.of(root))) {
                // (a link named as an input stands for its target: the split holds the target's
                // size, which the reader takes as the file's)
                java.nio.file.Path file = input.path();
                long size = input.size();
                Path flinkPath = regularFilePath(file);
                long modified = input.lastModifiedMillis();
                for (long[] range : ranges(file, size)) {
                    splits.add(
                            new FileSourceSplit(
                                    Integer.toString(splits.size()),
                                    flinkPath,
                                    range[0],
                                    range[1],
                                    modified,
                                    size));
                }
            }
        }
        return splits;
    }
}
