package dev.runtrail.ingest.airflow;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import java.io.IOException;
import java.util.function.Function;

/**
 * Base of the task log formats with one JSON object per line: the attempt's identity comes from the
 * file path (the path templates) and the lines, each line is mapped by the format's mapper.
 */
abstract class JsonTaskLogFormat implements Format {
    private final String name;
    private final PathTemplates templates;
    private final Function<AttemptContext, JsonRecordMapper> mapper;
    private final String expected;

    /**
     * @param templates the task-log path templates to try
     * @param expected what one line is, for dead-letter reasons
     */
    JsonTaskLogFormat(
            String name,
            PathTemplates templates,
            Function<AttemptContext, JsonRecordMapper> mapper,
            String expected) {
        this.name = name;
        this.templates = templates;
        this.mapper = mapper;
        this.expected = expected;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String dataset() {
        return AirflowTaskLogFormat.DATASET;
    }

    @Override
    public final RecordReader open(InputSource input) throws IOException {
        AttemptContext ctx = AttemptContext.fromPath(input.path(), templates.get());
        JsonLineParser parser = new JsonLineParser(mapper.apply(ctx), input.ref(), name, expected);
        return new LineRecordReader(input, parser, name, AirflowTaskLogFormat.DATASET);
    }
}
