package dev.runtrail.ingest.windows.json;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordBoundary;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import dev.runtrail.ingest.windows.WindowsEventMapper;
import dev.runtrail.model.SourceRef;
import java.io.IOException;
import java.util.function.BiFunction;

/**
 * Base of the JSON-lines Windows formats: Security events, one object per line, read by the
 * format's line parser; each format recognises its own shape.
 */
abstract class WindowsJsonFormat implements Format {
    private final String name;
    private final BiFunction<SourceRef, String, WindowsJsonLineParser> parser;

    /**
     * @param parser makes the line parser from the source and the format name
     */
    WindowsJsonFormat(String name, BiFunction<SourceRef, String, WindowsJsonLineParser> parser) {
        this.name = name;
        this.parser = parser;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String dataset() {
        return WindowsEventMapper.SECURITY_DATASET;
    }

    @Override
    public final RecordReader open(InputSource input) throws IOException {
        return new LineRecordReader(input, parser.apply(input.ref(), name()), name(), dataset());
    }

    /** One record per line, so a large file can be read in parallel ranges. */
    @Override
    public final RecordBoundary boundary(byte[] head) {
        return RecordBoundary.LINE;
    }
}
