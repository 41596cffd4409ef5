package dev.runtrail.ingest;

import dev.runtrail.model.DeadLetter;
import dev.runtrail.model.Parsed;
import java.io.IOException;
import java.util.Optional;

/**
 * Opens the right reader for one input: the named format, or the detected one. An input that no
 * format recognises yields a single dead letter naming the formats tried, so nothing is lost
 * silently. An empty input holds no record and loses nothing: it yields none, whatever its name (as
 * an empty file of a recognised format always did).
 */
public final class FileParser {
    private FileParser() {}

    /**
     * @param input the input
     * @param formatName a format name to force, or null to detect
     */
    public static RecordReader open(InputSource input, String formatName) throws IOException {
        Optional<Format> format =
                formatName == null ? Formats.detect(input) : Formats.byName(formatName);
        if (format.isEmpty()) {
            if (formatName != null) {
                throw new IllegalArgumentException(
                        "Unknown format '" + formatName + "'; expected one of " + Formats.names());
            }
            return input.head().length == 0 ? RecordReader.empty() : unrecognised(input);
        }
        RecordReader reader = format.get().open(input);
        return input.transcodedFromUtf16() ? new Utf16Notes(reader, input.path()) : reader;
    }

    /**
     * Adds to each dead letter of a UTF-16 input why its bytes and positions are not the file's:
     * the reader saw the UTF-8 transcoding, where an invalid code unit is the byte 0xFF.
     */
    private static final class Utf16Notes implements RecordReader {
        private final RecordReader reader;
        private final String note;

        Utf16Notes(RecordReader reader, String path) {
            this.reader = reader;
            this.note =
                    " ("
                            + path
                            + " is UTF-16 and was read as UTF-8: the raw bytes and byte positions"
                            + " are those of the UTF-8 transcoding, in which each code unit that is"
                            + " not valid UTF-16 is the byte 0xFF.)";
        }

        @Override
        public Parsed next() throws IOException {
            Parsed parsed = reader.next();
            return parsed instanceof DeadLetter letter ? letter.withReasonAppended(note) : parsed;
        }

        @Override
        public long bytesRead() {
            return reader.bytesRead();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    private static RecordReader unrecognised(InputSource input) throws IOException {
        byte[] head = input.head();
        DeadLetter letter =
                DeadLetter.of(
                        input.ref(),
                        0,
                        0,
                        "unknown",
                        "No format recognises "
                                + input.path()
                                + "; expected one of "
                                + Formats.names()
                                + " (the raw bytes kept here are the file's first "
                                + head.length
                                + " bytes).",
                        head);
        return new RecordReader() {
            private boolean done;

            @Override
            public Parsed next() {
                if (done) {
                    return null;
                }
                done = true;
                return letter;
            }

            @Override
            public long bytesRead() {
                return done ? Math.max(input.length(), head.length) : 0;
            }

            @Override
            public void close() {}
        };
    }
}
