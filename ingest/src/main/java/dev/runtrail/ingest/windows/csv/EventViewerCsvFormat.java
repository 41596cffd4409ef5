package dev.runtrail.ingest.windows.csv;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.Head;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Event Viewer "Save as CSV" exports. */
public final class EventViewerCsvFormat implements Format {
    /** Bytes of the head decoded for the header check. */
    private static final int HEADER_BYTES = 512;

    @Override
    public String name() {
        return "windows-eventviewer-csv";
    }

    @Override
    public String dataset() {
        return WindowsEventMapper.SECURITY_DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        // the header compared below is 54 characters at most; 512 bytes hold at least 128 whole
        // characters, so lower-casing them decides the same as lower-casing the whole head
        String text =
                new String(head, 0, Math.min(head.length, HEADER_BYTES), StandardCharsets.UTF_8)
                        .toLowerCase(Locale.ROOT);
        if (text.startsWith("\ufeff")) {
            text = text.substring(1);
        }
        if ((text.startsWith("level,") || text.startsWith("keywords,"))
                && text.startsWith(
                        "date and time,source,event id,task category", text.indexOf(',') + 1)) {
            return 90;
        }
        return 0;
    }

    @Override
    public int maxSniff(Head head) {
        return 90;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return new EventViewerCsvReader(
                input, name(), dataset(), LineRecordReader.DEFAULT_MAX_RECORD_BYTES);
    }
}
