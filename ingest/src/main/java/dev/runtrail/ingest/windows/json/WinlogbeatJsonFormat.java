package dev.runtrail.ingest.windows.json;

/** Winlogbeat / Elastic Agent NDJSON (6.x top-level and 7.x+ {@code winlog.*} shapes). */
public final class WinlogbeatJsonFormat extends WindowsJsonFormat {
    public WinlogbeatJsonFormat() {
        super("winlogbeat-json", WinlogbeatJsonParser::new);
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
}
