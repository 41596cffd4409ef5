package dev.runtrail.ingest.windows.json;

/** Flat Windows event JSON lines (NXLog {@code im_msvistalog}, OTRF Security-Datasets). */
public final class NxlogJsonFormat extends WindowsJsonFormat {
    public NxlogJsonFormat() {
        super("nxlog-json", NxlogJsonParser::new);
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
}
