package dev.runtrail.ingest.airflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The task-log path templates a format tries, most specific first: an extra template (Airflow's
 * {@code log_filename_template} of the deployment), then the built-in ones. A format constructed
 * with a template keeps it; the instances the format registry creates read it from the system
 * property {@value #PROPERTY} each time a file is opened, so that a command can set it after the
 * registry was loaded.
 */
final class PathTemplates {
    /** System property with the extra template; same key as {@link AirflowOptions}' option. */
    static final String PROPERTY = "runtrail.airflow.log-filename-template";

    private final List<LogPathTemplate> fixed;

    /** The templates compiled for the property's last value seen, so each value compiles once. */
    private record Compiled(String value, List<LogPathTemplate> templates) {}

    private volatile Compiled compiled;

    private PathTemplates(List<LogPathTemplate> fixed) {
        this.fixed = fixed;
    }

    /** The built-in templates after {@code custom} (null or blank: the built-in ones alone). */
    static PathTemplates of(String custom) {
        return new PathTemplates(compile(custom));
    }

    /** The built-in templates after the one the system property names, if any. */
    static PathTemplates fromProperty() {
        return new PathTemplates(null);
    }

    List<LogPathTemplate> get() {
        if (fixed != null) {
            return fixed;
        }
        String value = System.getProperty(PROPERTY, "");
        Compiled last = compiled;
        if (last == null || !last.value().equals(value)) {
            last = new Compiled(value, compile(value));
            compiled = last;
        }
        return last.templates();
    }

    private static List<LogPathTemplate> compile(String custom) {
        List<LogPathTemplate> all = new ArrayList<>();
        if (custom != null && !custom.isBlank()) {
            all.add(LogPathTemplate.compile(custom));
        }
        all.addAll(LogPathTemplate.defaults());
        return List.copyOf(all);
    }
}
