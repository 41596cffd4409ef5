package dev.runtrail.ingest.airflow;

/**
 * Airflow 3 task logs: one structlog JSON object per line. Identity comes from the file path
 * (2.3+/3.x template) and from the lines that carry it.
 */
public final class AirflowJsonTaskLogFormat extends JsonTaskLogFormat {
    public static final String NAME = "airflow-task-json";

    /**
     * With the built-in path templates, after the one in the system property {@value
     * PathTemplates#PROPERTY} when it is set.
     */
    public AirflowJsonTaskLogFormat() {
        this(PathTemplates.fromProperty());
    }

    /**
     * @param logFilenameTemplate an extra path template to try first, or null
     */
    public AirflowJsonTaskLogFormat(String logFilenameTemplate) {
        this(PathTemplates.of(logFilenameTemplate));
    }

    private AirflowJsonTaskLogFormat(PathTemplates templates) {
        super(
                NAME,
                templates,
                StructlogTaskLogMapper::new,
                "one Airflow 3 structlog JSON object per line");
    }

    @Override
    public int sniff(String fileName, byte[] head) {
        if (!Sniff.firstLineMayStartWith(head, '{')) {
            return 0; // spares decoding the first line of every text log
        }
        String first = Sniff.firstLine(head);
        return first.startsWith("{")
                        && first.contains("\"timestamp\"")
                        && first.contains("\"event\":")
                        && first.contains("\"level\"")
                        && !first.contains("\"levelname\"")
                ? 85
                : 0;
    }
}
