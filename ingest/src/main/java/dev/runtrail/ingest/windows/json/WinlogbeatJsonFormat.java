package dev.runtrail.ingest.windows.json;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import java.io.IOException;

/** Winlogbeat / Elastic Agent NDJSON (6.x top-level and 7.x+ {@code winlog.*} shapes). */
public final class WinlogbeatJsonFormat implements Format {
    @Override
    public String name() {
        return "winlogbeat-json";
    }

    @Override
    public String dataset() {
        return WindowsEventMapper.SECURITY_DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        String line = WindowsJsonFormats.firstObjectLine(head);
        if (line.contains("\"winlog\"") && line.contains("\"event_id\"")) {
            return 95;
        }
        if (line.contains("\"event_id\"")
                && (line.contains("\"computer_name\"") || line.contains("\"log_name\""))) {
            return 90;
        }
        return 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return new LineRecordReader(
                input, new WinlogbeatJsonParser(input.ref(), name()), name(), dataset());
    }
}
