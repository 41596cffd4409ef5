package dev.runtrail.ingest.windows.json;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import java.io.IOException;

/** Flat Windows event JSON lines (NXLog {@code im_msvistalog}, OTRF Security-Datasets). */
public final class NxlogJsonFormat implements Format {
    @Override
    public String name() {
        return "nxlog-json";
    }

    @Override
    public String dataset() {
        return WindowsEventMapper.SECURITY_DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        String line = WindowsJsonFormats.firstObjectLine(head);
        if (line.contains("\"EventID\"")
                && (line.contains("\"Hostname\"")
                        || line.contains("\"SourceName\"")
                        || line.contains("\"Channel\""))) {
            return 85;
        }
        return 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return new LineRecordReader(
                input, new NxlogJsonParser(input.ref(), name()), name(), dataset());
    }
}
