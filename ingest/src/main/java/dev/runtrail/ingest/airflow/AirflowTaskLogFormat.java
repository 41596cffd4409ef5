package dev.runtrail.ingest.airflow;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import java.io.IOException;

/**
 * Airflow 1.10 and 2.x text task logs ({@code [ts] {file.py:line} LEVEL - message}), with the
 * attempt identity taken from the file path.
 */
public final class AirflowTaskLogFormat implements Format {
    public static final String NAME = "airflow-task-log";
    public static final String DATASET = "airflow.task";

    private final PathTemplates templates;

    /**
     * With the built-in path templates, after the one in the system property {@value
     * PathTemplates#PROPERTY} when it is set.
     */
    public AirflowTaskLogFormat() {
        this.templates = PathTemplates.fromProperty();
    }

    /**
     * @param logFilenameTemplate Airflow's {@code log_filename_template} to try before the built-in
     *     ones, or null
     */
    public AirflowTaskLogFormat(String logFilenameTemplate) {
        this.templates = PathTemplates.of(logFilenameTemplate);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String dataset() {
        return DATASET;
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        int p = Sniff.firstContent(head);
        if (p < 0 || head.length - p < 5) {
            return 0;
        }
        byte[] start = java.util.Arrays.copyOfRange(head, p, p + 5);
        return TextTaskLogParser.startsRecord(start) && Sniff.contains(head, "} ") ? 90 : 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        AttemptContext ctx = AttemptContext.fromPath(input.path(), templates.get());
        return new LineRecordReader(
                input, new TextTaskLogParser(ctx, input.ref(), NAME), NAME, DATASET);
    }
}
