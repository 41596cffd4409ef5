package dev.runtrail.ingest.airflow;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import java.io.IOException;
import java.util.List;

/**
 * Airflow 3 task logs: one structlog JSON object per line. Identity comes from the file path
 * (2.3+/3.x template) and from the lines that carry it.
 */
public final class AirflowJsonTaskLogFormat implements Format {
    public static final String NAME = "airflow-task-json";

    private final List<LogPathTemplate> templates;

    public AirflowJsonTaskLogFormat() {
        this(null);
    }

    /**
     * @param logFilenameTemplate an extra path template to try first, or null
     */
    public AirflowJsonTaskLogFormat(String logFilenameTemplate) {
        this.templates = AirflowTaskLogFormat.templates(logFilenameTemplate);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String dataset() {
        return AirflowTaskLogFormat.DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        String first = Sniff.firstLine(head);
        return first.startsWith("{")
                        && first.contains("\"timestamp\"")
                        && first.contains("\"event\":")
                        && first.contains("\"level\"")
                        && !first.contains("\"levelname\"")
                ? 85
                : 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        AttemptContext ctx = AttemptContext.fromPath(input.path(), templates);
        JsonLineParser parser =
                new JsonLineParser(
                        new StructlogTaskLogMapper(ctx),
                        input.ref(),
                        NAME,
                        "one Airflow 3 structlog JSON object per line");
        return new LineRecordReader(input, parser, NAME, AirflowTaskLogFormat.DATASET);
    }
}
