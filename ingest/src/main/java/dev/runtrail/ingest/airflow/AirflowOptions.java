package dev.runtrail.ingest.airflow;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/**
 * Settings of the Airflow parsers. The parsers read them as JVM system properties of the same key
 * when they open a file (the {@code runtrail} commands set them from {@code --config} and {@code
 * -D}; on a Flink cluster they go into the task managers' JVM options).
 */
public final class AirflowOptions {
    private AirflowOptions() {}

    /**
     * An extra task log path template, tried before the built-in ones (Airflow 2.3+, 2.0-2.2,
     * 1.10).
     */
    public static final ConfigOption<String> LOG_FILENAME_TEMPLATE =
            ConfigOptions.key(PathTemplates.PROPERTY)
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Airflow's [logging] log_filename_template when it differs from the"
                                    + " defaults, e.g. '{{ ti.dag_id }}/{{ ti.run_id }}/"
                                    + "{{ ti.task_id }}/{{ try_number }}.log'. Task log paths"
                                    + " are matched against it first to find dag id, run id,"
                                    + " task id, map index and try number.");
}
