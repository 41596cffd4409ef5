package dev.runtrail.ingest;

import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A local file opened as {@link InputSource#of(Path)} opens it, with how far it has been read in
 * bytes of the file as stored (compressed, UTF-16): for progress, since a reader's positions count
 * decompressed or transcoded bytes, which for a {@code .gz} file run past its size.
 */
public final class StoredFile {
    private final InputSource input;
    private final long size;

    /** Bytes read by the stream opened last: the parser's, once detection is done. */
    private final long[] read = new long[1];

    public StoredFile(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        size = Files.size(abs);
        input =
                InputSource.decompressing(
                        SourceRef.of(abs.toString()),
                        abs.toString(),
                        size,
                        () -> {
                            read[0] = 0;
                            return new CountingInputStream(Files.newInputStream(abs), read);
                        });
    }

    public InputSource input() {
        return input;
    }

    /** The file's size as stored. */
    public long size() {
        return size;
    }

    /** The bytes of the file as stored that the parser has read, at most {@link #size()}. */
    public long bytesRead() {
        return Math.min(read[0], size);
    }
}
