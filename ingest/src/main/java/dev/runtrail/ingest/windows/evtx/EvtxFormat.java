package dev.runtrail.ingest.windows.evtx;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import java.io.IOException;

/**
 * Native Windows EVTX files, recognised by the {@code ElfFile\0} magic. Events get {@code
 * windows.security} or {@code windows.<channel>} per their channel.
 */
public final class EvtxFormat implements Format {
    @Override
    public String name() {
        return EvtxReader.FORMAT;
    }

    @Override
    public String dataset() {
        return WindowsEventMapper.SECURITY_DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        if (EvtxFileHeader.startsWith(head, EvtxFileHeader.MAGIC)) {
            return 100;
        }
        return fileName != null && fileName.toLowerCase(java.util.Locale.ROOT).endsWith(".evtx")
                ? 30
                : 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        return EvtxReader.open(input);
    }
}
