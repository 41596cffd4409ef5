package dev.runtrail.ingest;

import java.io.IOException;

/**
 * One input format: knows how to recognise a file of its kind and how to read records from it.
 * Implementations are stateless and thread-safe; per-file state lives in the {@link RecordReader}
 * they open.
 */
public interface Format {
    /** Stable name used by {@code --format} and recorded as {@code runtrail.format}. */
    String name();

    /** The {@code event.dataset} this format's events get, e.g. {@code airflow.task}. */
    String dataset();

    /**
     * How sure this format is that the input is its own, from 0 (not mine) to 100 (certain), judged
     * from the file name and the first bytes (up to {@link Formats#SNIFF_BYTES}).
     */
    int sniff(String fileName, byte[] head);

    /**
     * The same score as {@link #sniff(String, byte[])}, for a head the detector shares among all
     * formats. The default asks {@code sniff(fileName, bytes)}; a format whose sniffing decodes
     * what other formats decode too overrides this to use {@link Head#shared} (and then has {@code
     * sniff(fileName, head)} call it with a new {@link Head}, so both give the same answer).
     */
    default int sniff(Head head) {
        return sniff(head.fileName(), head.bytes());
    }

    /**
     * The highest score {@link #sniff} can give this head, judged cheaply (from the file name at
     * most): the detector does not ask a format that cannot beat the best score it already has. The
     * default, 100, means "any"; a lower bound must hold for every possible content.
     */
    default int maxSniff(Head head) {
        return 100;
    }

    /**
     * Opens a reader over the input (a whole file, or a byte range of one that starts at a record
     * boundary, see {@link InputSource#startOffset()}). The reader owns and closes the stream.
     */
    RecordReader open(InputSource input) throws IOException;

    /**
     * How records of a file of this format that begins with {@code head} can be found from the
     * middle of the file; {@link RecordBoundary#NONE} (the default) keeps the file in one piece.
     */
    default RecordBoundary boundary(byte[] head) {
        return RecordBoundary.NONE;
    }
}
