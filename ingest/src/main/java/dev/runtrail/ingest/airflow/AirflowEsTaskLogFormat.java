package dev.runtrail.ingest.airflow;

/**
 * Task log lines as Airflow's ElasticsearchTaskHandler writes them with {@code json_format = True}
 * (to stdout for a shipper, or exported from Elasticsearch one document per line).
 */
public final class AirflowEsTaskLogFormat extends JsonTaskLogFormat {
    public static final String NAME = "airflow-es-json";

    /**
     * With the built-in path templates, after the one in the system property {@value
     * PathTemplates#PROPERTY} when it is set.
     */
    public AirflowEsTaskLogFormat() {
        this(PathTemplates.fromProperty());
    }

    /**
     * @param logFilenameTemplate an extra path template to try first, or null
     */
    public AirflowEsTaskLogFormat(String logFilenameTemplate) {
        this(PathTemplates.of(logFilenameTemplate));
    }

    private AirflowEsTaskLogFormat(PathTemplates templates) {
        super(
                NAME,
                templates,
                ElasticsearchTaskLogMapper::new,
                "one Elasticsearch task handler JSON object per line");
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        if (!Sniff.firstLineMayStartWith(head, '{')) {
            return 0; // spares decoding the first line of every text log
        }
        String first = Sniff.firstLine(head);
        return first.startsWith("{")
                        && first.contains("\"levelname\"")
                        && (first.contains("\"dag_id\"") || first.contains("\"log_id\""))
                ? 88
                : 0;
    }
}
