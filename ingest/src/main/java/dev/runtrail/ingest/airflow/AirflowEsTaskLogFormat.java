package dev.runtrail.ingest.airflow;

import dev.runtrail.ingest.Format;
import dev.runtrail.ingest.InputSource;
import dev.runtrail.ingest.RecordReader;
import dev.runtrail.ingest.text.LineRecordReader;
import java.io.IOException;
import java.util.List;

/**
 * Task log lines as Airflow's ElasticsearchTaskHandler writes them with {@code json_format = True}
 * (to stdout for a shipper, or exported from Elasticsearch one document per line).
 */
public final class AirflowEsTaskLogFormat implements Format {
    public static final String NAME = "airflow-es-json";

    private final List<LogPathTemplate> templates;

    public AirflowEsTaskLogFormat() {
        this(null);
    }

    /**
     * @param logFilenameTemplate an extra path template to try first, or null
     */
    public AirflowEsTaskLogFormat(String logFilenameTemplate) {
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
                        && first.contains("\"levelname\"")
                        && (first.contains("\"dag_id\"") || first.contains("\"log_id\""))
                ? 88
                : 0;
    }

    @Override
    public RecordReader open(InputSource input) throws IOException {
        AttemptContext ctx = AttemptContext.fromPath(input.path(), templates);
        JsonLineParser parser =
                new JsonLineParser(
                        new ElasticsearchTaskLogMapper(ctx),
                        input.ref(),
                        NAME,
                        "one Elasticsearch task handler JSON object per line");
        return new LineRecordReader(input, parser, NAME, AirflowTaskLogFormat.DATASET);
    }
}
