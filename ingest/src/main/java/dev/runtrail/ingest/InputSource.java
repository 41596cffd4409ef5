package dev.runtrail.ingest;

import dev.runtrail.ingest.text.Utf16Input;
import dev.runtrail.model.SourceRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * An input to parse: its source reference (for positions and document ids), the stream of its
 * bytes, and its file name (used by formats that derive identity from paths, such as Airflow task
 * logs).
 */
public final class InputSource {
    /** Opens the input's bytes from the start. */
    @FunctionalInterface
    public interface Opener {
        InputStream open() throws IOException;
    }

    private final SourceRef ref;
    private final String path;
    private final long length;
    private final Opener opener;
    private final long startOffset;
    private final long startLine;

    /** The first bytes, read once for sniffing (null until then); guarded by {@code this}. */
    private byte[] head;

    /** Whether {@link #head} holds every byte of the input, so reading needs no second open. */
    private boolean headIsAll;

    /** See {@link #transcodedFromUtf16()}. */
    private final boolean transcoded;

    public InputSource(SourceRef ref, String path, long length, Opener opener) {
        this(ref, path, length, opener, 0);
    }

    public InputSource(SourceRef ref, String path, long length, Opener opener, long startOffset) {
        this(ref, path, length, opener, startOffset, 0);
    }

    /**
     * @param startOffset where the bytes begin in the original source: a record shipped alone (over
     *     Kafka) keeps the byte offset it had in its file, so positions and ids match a direct read
     *     of that file
     * @param startLine how many lines of the original source precede the first byte (a range of a
     *     large file read on its own), so line numbers in dead letters are those of the file
     */
    public InputSource(
            SourceRef ref,
            String path,
            long length,
            Opener opener,
            long startOffset,
            long startLine) {
        this(ref, path, length, opener, startOffset, startLine, false);
    }

    private InputSource(
            SourceRef ref,
            String path,
            long length,
            Opener opener,
            long startOffset,
            long startLine,
            boolean transcoded) {
        this.ref = Objects.requireNonNull(ref, "ref");
        this.path = Objects.requireNonNull(path, "path");
        this.length = length;
        this.opener = Objects.requireNonNull(opener, "opener");
        this.startOffset = startOffset;
        this.startLine = startLine;
        this.transcoded = transcoded;
    }

    /**
     * A local file, identified by its absolute normalized path. A gzip file (by its magic bytes) is
     * read decompressed, so every format reads {@code .gz} exports, and a file that starts with a
     * UTF-16 byte order mark is read as UTF-8 ({@link Utf16Input}); positions then count bytes of
     * the decompressed or transcoded input, and the length is unknown (-1).
     */
    public static InputSource of(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return decompressing(
                SourceRef.of(abs.toString()),
                abs.toString(),
                Files.size(abs),
                () -> Files.newInputStream(abs));
    }

    /**
     * An input whose bytes are decompressed on the fly when they start with the gzip magic bytes,
     * and transcoded to UTF-8 when they (or the decompressed bytes) start with a UTF-16 byte order
     * mark; every file reader (the CLI and Flink's file source) builds its inputs here.
     */
    public static InputSource decompressing(SourceRef ref, String path, long length, Opener opener)
            throws IOException {
        // the bytes that tell gzip apart are the head the format detector reads next, so one read
        // serves both (and the parse too, for a file smaller than the head)
        byte[] first;
        try (InputStream in = opener.open()) {
            first = in.readNBytes(Formats.SNIFF_BYTES);
        }
        boolean gzip = first.length >= 2 && (first[0] & 0xff) == 0x1f && (first[1] & 0xff) == 0x8b;
        if (gzip) {
            Opener gunzip = () -> new GZIPInputStream(opener.open(), 64 * 1024);
            // the decompressed head: it may start with a UTF-16 byte order mark, and else it is
            // the head the format detector reads next
            byte[] start;
            try (InputStream in = gunzip.open()) {
                start = in.readNBytes(Formats.SNIFF_BYTES);
            }
            if (Utf16Input.hasBom(start)) {
                return utf16(ref, path, gunzip);
            }
            InputSource input = new InputSource(ref, path, -1, gunzip);
            input.keepHead(start);
            return input;
        }
        if (Utf16Input.hasBom(first)) {
            return utf16(ref, path, opener);
        }
        InputSource input = new InputSource(ref, path, length, opener);
        input.keepHead(first);
        return input;
    }

    private static InputSource utf16(SourceRef ref, String path, Opener opener) {
        return new InputSource(ref, path, -1, () -> Utf16Input.toUtf8(opener.open()), 0, 0, true);
    }

    /**
     * Whether the input's bytes are the UTF-8 transcoding of UTF-16 (see {@link Utf16Input}), so
     * that a dead letter can say why its bytes and positions differ from the file's.
     */
    public boolean transcodedFromUtf16() {
        return transcoded;
    }

    /**
     * In-memory bytes, for tests and for records that arrive one by one (Kafka); read as UTF-8 when
     * they start with a UTF-16 byte order mark, as a file would be.
     */
    public static InputSource of(SourceRef ref, String path, byte[] bytes) {
        Opener opener = () -> new ByteArrayInputStream(bytes);
        return Utf16Input.hasBom(bytes)
                ? utf16(ref, path, opener)
                : new InputSource(ref, path, bytes.length, opener);
    }

    public SourceRef ref() {
        return ref;
    }

    /** The path as given (forward or back slashes); formats parse identity from it. */
    public String path() {
        return path;
    }

    /** Total length in bytes, or -1 when unknown. */
    public long length() {
        return length;
    }

    /** Offset of the first byte of this input within its original source. */
    public long startOffset() {
        return startOffset;
    }

    /** Lines of the original source before the first byte of this input. */
    public long startLine() {
        return startLine;
    }

    /**
     * A read buffer size for this input: the whole input when it is small (a record that arrived
     * alone over Kafka), else 64 KiB. Readers are opened once per Kafka record, so a fixed 64 KiB
     * buffer would cost more to allocate than the record costs to parse.
     */
    public int bufferSize() {
        return length < 0
                ? MAX_BUFFER
                : (int) Math.max(MIN_BUFFER, Math.min(MAX_BUFFER, length + 1));
    }

    private static final int MIN_BUFFER = 256;
    private static final int MAX_BUFFER = 64 * 1024;

    /**
     * The first bytes of the input (up to {@link Formats#SNIFF_BYTES}, fewer for a shorter input),
     * read on the first call and kept: format detection, a format's own look at the head and the
     * parse then share one read. The array is shared; do not change it.
     */
    public synchronized byte[] head() throws IOException {
        if (head == null) {
            byte[] first;
            try (InputStream in = opener.open()) {
                first = in.readNBytes(Formats.SNIFF_BYTES);
            }
            keepHead(first);
        }
        return head;
    }

    private synchronized void keepHead(byte[] first) {
        head = first;
        // readNBytes stops short only at the end of the input
        headIsAll = first.length < Formats.SNIFF_BYTES;
    }

    /** The input's bytes from the start; from memory when the head already holds all of them. */
    public InputStream open() throws IOException {
        synchronized (this) {
            if (headIsAll) {
                return new ByteArrayInputStream(head);
            }
        }
        return opener.open();
    }
}
