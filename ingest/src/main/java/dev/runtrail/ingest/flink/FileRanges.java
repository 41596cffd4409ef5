package dev.runtrail.ingest.flink;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Formats;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordBoundary;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.Utf16Input;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Byte ranges of large text exports (JSON lines, proxy logs, Windows event XML) that are parsed in
 * parallel. The enumerator cuts a file at fixed offsets without reading it; each reader moves its
 * own start and end forward to the next record boundary ({@link RecordBoundary}) of the file's
 * format, so neighbouring ranges meet at the same record start and every record is read exactly
 * once. Records keep the offsets, ids and line numbers a whole-file read gives them.
 */
final class FileRanges {
    /** Files below this size stay in one piece: a range's start-up costs more than it saves. */
    static final long MIN_FILE_BYTES = 64L << 20;

    /** Range size: large enough that counting the lines before a range stays a small cost. */
    static final long RANGE_BYTES = 32L << 20;

    private FileRanges() {}

    /** One range for most files; several for a large file whose format has record boundaries. */
    static List<long[]> ranges(
            String name, byte[] head, long size, String formatName, long minFile, long range) {
        if (size < minFile
                || isGzip(head)
                || Utf16Input.hasBom(head)
                || boundary(name, head, formatName).isEmpty()) {
            return List.of(new long[] {0, size});
        }
        List<long[]> ranges = new ArrayList<>();
        for (long offset = 0; offset < size; offset += range) {
            ranges.add(new long[] {offset, Math.min(range, size - offset)});
        }
        return ranges;
    }

    /** The format's record boundary for this file, empty when it cannot be cut. */
    static Optional<RecordBoundary> boundary(String name, byte[] head, String formatName) {
        return format(name, head, formatName)
                .map(f -> f.boundary(head))
                .filter(b -> b != RecordBoundary.NONE);
    }

    private static Optional<Format> format(String name, byte[] head, String formatName) {
        return formatName != null ? Formats.byName(formatName) : Formats.detect(name, head);
    }

    /**
     * A reader over the records that start inside {@code [offset, offset + length)}: whole EVTX
     * chunks, or the text records of a file whose format has record boundaries.
     *
     * @param whole the whole file (its opener reads from the first byte)
     * @param opener opens the file positioned at a given offset
     * @param version names this version of the file (path, size, modification time), so the line
     *     counts of its ranges build on one another; null to count from the file's start
     */
    static RecordReader reader(
            InputSource whole,
            Opener opener,
            long offset,
            long length,
            String formatName,
            String version)
            throws IOException {
        byte[] head = whole.head();
        if (EvtxSplits.isEvtx(head)) {
            return EvtxSplits.reader(whole, offset, length);
        }
        Format format =
                format(whole.path(), head, formatName)
                        .orElseThrow(
                                () ->
                                        new IOException(
                                                "No format recognises "
                                                        + whole.path()
                                                        + " any more; it changed while being read."));
        RecordBoundary boundary = format.boundary(head);
        if (boundary == RecordBoundary.NONE) {
            // cut by a detection the forced format disagrees with: the first range reads it all
            return offset == 0 ? format.open(whole) : RecordReader.empty();
        }
        long size = whole.length();
        long start = align(opener, offset, size, boundary);
        long end = align(opener, offset + length, size, boundary);
        long lines = start == 0 ? 0 : LINE_MARKS.linesBefore(version, opener, start);
        InputSource range =
                new InputSource(
                        whole.ref(),
                        whole.path(),
                        end - start,
                        () -> new Bounded(opener.open(start), end - start),
                        start,
                        lines);
        return format.open(range);
    }

    /** Opens the file with its first byte at {@code offset}. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset) throws IOException;
    }

    /** The first record start at or after {@code pos} (the file size when there is none). */
    static long align(Opener opener, long pos, long size, RecordBoundary boundary)
            throws IOException {
        if (pos <= 0) {
            return 0;
        }
        if (pos >= size) {
            return size;
        }
        return switch (boundary) {
            case LINE -> afterNextLineFeed(opener, pos - 1, size);
            case XML_EVENT -> nextEventTag(opener, pos, size);
            case NONE ->
                    throw new IllegalArgumentException("A file without boundaries is not cut.");
        };
    }

    private static long afterNextLineFeed(Opener opener, long from, long size) throws IOException {
        try (InputStream in = opener.open(from)) {
            byte[] buf = new byte[64 * 1024];
            long at = from;
            for (int n; (n = in.read(buf)) > 0; at += n) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] == '\n') {
                        return Math.min(size, at + i + 1);
                    }
                }
            }
            return size;
        }
    }

    private static final byte[] EVENT = {'<', 'E', 'v', 'e', 'n', 't'};

    private static long nextEventTag(Opener opener, long from, long size) throws IOException {
        try (InputStream in = opener.open(from)) {
            byte[] buf = new byte[64 * 1024 + EVENT.length];
            int kept = 0;
            long bufStart = from;
            for (int n; (n = in.read(buf, kept, buf.length - kept)) > 0; ) {
                int limit = kept + n;
                for (int i = 0; i + EVENT.length < limit; i++) {
                    if (buf[i] == '<' && isEventTag(buf, i)) {
                        return bufStart + i;
                    }
                }
                // keep the tail that might hold the start of a tag cut by the buffer's end
                int tail = Math.min(EVENT.length, limit);
                System.arraycopy(buf, limit - tail, buf, 0, tail);
                bufStart += limit - tail;
                kept = tail;
            }
            return size;
        }
    }

    private static boolean isEventTag(byte[] buf, int i) {
        for (int k = 1; k < EVENT.length; k++) {
            if (buf[i + k] != EVENT[k]) {
                return false;
            }
        }
        byte next = buf[i + EVENT.length];
        return next == '>'
                || next == '/'
                || next == ' '
                || next == '\t'
                || next == '\r'
                || next == '\n';
    }

    private static final LineMarks LINE_MARKS = new LineMarks(64);

    /**
     * Line counts at offsets of recently read files, per file version: the ranges of one file are
     * read at about the same time and mostly in order, so each counts on from the mark an earlier
     * range left instead of from the file's start (which made a file of n ranges cost n²/2 range
     * reads).
     */
    static final class LineMarks {
        private final Map<String, NavigableMap<Long, Long>> files;

        LineMarks(int maxFiles) {
            this.files =
                    Collections.synchronizedMap(
                            new LinkedHashMap<>(16, 0.75f, true) {
                                @Override
                                protected boolean removeEldestEntry(
                                        Map.Entry<String, NavigableMap<Long, Long>> eldest) {
                                    return size() > maxFiles;
                                }
                            });
        }

        /** Line feeds in the file before {@code end}. */
        long linesBefore(String version, Opener opener, long end) throws IOException {
            if (version == null) {
                return countLines(opener, 0, end);
            }
            NavigableMap<Long, Long> marks =
                    files.computeIfAbsent(version, v -> new ConcurrentSkipListMap<>());
            Map.Entry<Long, Long> mark = marks.floorEntry(end);
            long from = mark == null ? 0 : mark.getKey();
            long lines = (mark == null ? 0 : mark.getValue()) + countLines(opener, from, end);
            marks.put(end, lines);
            return lines;
        }
    }

    /** Line feeds in the file in {@code [from, end)}. */
    private static long countLines(Opener opener, long from, long end) throws IOException {
        if (from >= end) {
            return 0;
        }
        long lines = 0;
        try (InputStream in = opener.open(from)) {
            byte[] buf = new byte[1 << 20];
            long left = end - from;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                lines += countLineFeeds(buf, n);
                left -= n;
            }
        }
        return lines;
    }

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long LINE_FEEDS = 0x0A0A0A0A0A0A0A0AL;

    /**
     * Line feeds among the first {@code n} bytes, eight at a time: in {@code x = word ^ LINE_FEEDS}
     * a line feed is a zero byte, and {@code ~(((x & LOW7) + LOW7) | x | LOW7)} has the top bit set
     * in exactly the zero bytes (the addition cannot carry across bytes).
     */
    static long countLineFeeds(byte[] buf, int n) {
        long count = 0;
        int i = 0;
        for (; i + Long.BYTES <= n; i += Long.BYTES) {
            long x = (long) LONGS.get(buf, i) ^ LINE_FEEDS;
            count += Long.bitCount(~(((x & LOW7) + LOW7) | x | LOW7));
        }
        for (; i < n; i++) {
            if (buf[i] == '\n') {
                count++;
            }
        }
        return count;
    }

    private static boolean isGzip(byte[] head) {
        return head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b;
    }

    /** At most {@code limit} bytes of a stream. */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private long left;

        Bounded(InputStream in, long limit) {
            this.in = in;
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
