package dev.runtrail.ingest.airflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code log_filename_template} turned into a matcher for task log paths. Understands the subset
 * of Jinja Airflow's templates use ({@code {{ ti.dag_id }}}, {@code {{ ts }}}, {@code {% if ...
 * %}...{% endif %}} as an optional part) and the Python {@code str.format} style of 1.10 ({@code
 * {dag_id}}). The template is matched against the end of the path, so the base log folder in front
 * does not matter; back slashes count as separators.
 *
 * <p>Compiled once per format; matching runs once per file, not per line.
 */
public final class LogPathTemplate {
    /**
     * Airflow 2.3 and later (and 3.x): {@code
     * dag_id=X/run_id=Y/task_id=Z/[map_index=N/]attempt=N.log}.
     */
    public static final String AIRFLOW_2_3 =
            "dag_id={{ ti.dag_id }}/run_id={{ ti.run_id }}/task_id={{ ti.task_id }}/"
                    + "{% if ti.map_index >= 0 %}map_index={{ ti.map_index }}/{% endif %}"
                    + "attempt={{ try_number }}.log";

    /** Airflow 2.0 to 2.2. */
    public static final String AIRFLOW_2_0 =
            "{{ ti.dag_id }}/{{ ti.task_id }}/{{ ts }}/{{ try_number }}.log";

    /** Airflow 1.10 (Python format syntax). */
    public static final String AIRFLOW_1_10 =
            "{dag_id}/{task_id}/{execution_date}/{try_number}.log";

    /** The built-in templates, most specific first. */
    public static final List<String> DEFAULTS = List.of(AIRFLOW_2_3, AIRFLOW_2_0, AIRFLOW_1_10);

    private enum Var {
        DAG_ID,
        RUN_ID,
        TASK_ID,
        MAP_INDEX,
        TRY_NUMBER,
        LOGICAL_DATE,
        OTHER
    }

    private final String template;
    private final Pattern pattern;
    private final List<Var> groups;

    private LogPathTemplate(String template, Pattern pattern, List<Var> groups) {
        this.template = template;
        this.pattern = pattern;
        this.groups = groups;
    }

    /** The built-in templates, compiled. */
    public static List<LogPathTemplate> defaults() {
        return DEFAULTS.stream().map(LogPathTemplate::compile).toList();
    }

    /**
     * Compiles a template.
     *
     * @throws IllegalArgumentException when the template uses Jinja this class does not understand
     */
    public static LogPathTemplate compile(String template) {
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException(
                    "A log filename template must not be empty; use Airflow's"
                            + " log_filename_template value, e.g. "
                            + AIRFLOW_2_3);
        }
        StringBuilder regex = new StringBuilder("(?:^|/)");
        List<Var> groups = new ArrayList<>();
        int open = 0;
        int i = 0;
        int n = template.length();
        while (i < n) {
            if (template.startsWith("{{", i)) {
                int end = template.indexOf("}}", i + 2);
                if (end < 0) {
                    throw unclosed(template, i, "}}");
                }
                placeholder(template.substring(i + 2, end), regex, groups);
                i = end + 2;
            } else if (template.startsWith("{%", i)) {
                int end = template.indexOf("%}", i + 2);
                if (end < 0) {
                    throw unclosed(template, i, "%}");
                }
                String tag = template.substring(i + 2, end).trim();
                if (tag.startsWith("if ")) {
                    regex.append("(?:");
                    open++;
                } else if (tag.equals("endif") && open > 0) {
                    regex.append(")?");
                    open--;
                } else {
                    throw new IllegalArgumentException(
                            "The log filename template "
                                    + template
                                    + " uses the Jinja tag {% "
                                    + tag
                                    + " %}, which is not supported; only {% if %}...{% endif %}"
                                    + " (as an optional part) and {{ variables }} are.");
                }
                i = end + 2;
            } else if (template.charAt(i) == '{') {
                int end = template.indexOf('}', i + 1);
                if (end < 0) {
                    throw unclosed(template, i, "}");
                }
                placeholder(template.substring(i + 1, end), regex, groups);
                i = end + 1;
            } else {
                int next = i;
                while (next < n && template.charAt(next) != '{') {
                    next++;
                }
                regex.append(Pattern.quote(template.substring(i, next).replace('\\', '/')));
                i = next;
            }
        }
        if (open != 0) {
            throw unclosed(template, n, "{% endif %}");
        }
        regex.append('$');
        return new LogPathTemplate(
                template, Pattern.compile(regex.toString()), List.copyOf(groups));
    }

    private static void placeholder(String expr, StringBuilder regex, List<Var> groups) {
        String name = expr.trim();
        int pipe = name.indexOf('|');
        if (pipe >= 0) {
            name = name.substring(0, pipe).trim();
        }
        if (name.startsWith("ti.")) {
            name = name.substring(3);
        }
        Var var =
                switch (name) {
                    case "dag_id" -> Var.DAG_ID;
                    case "run_id" -> Var.RUN_ID;
                    case "task_id" -> Var.TASK_ID;
                    case "map_index" -> Var.MAP_INDEX;
                    case "try_number" -> Var.TRY_NUMBER;
                    case "ts", "execution_date", "logical_date" -> Var.LOGICAL_DATE;
                    default -> Var.OTHER;
                };
        groups.add(var);
        regex.append(
                switch (var) {
                    case TRY_NUMBER -> "(\\d+)";
                    case MAP_INDEX -> "(-?\\d+)";
                    default -> "([^/]+)";
                });
    }

    private static IllegalArgumentException unclosed(String template, int at, String expected) {
        return new IllegalArgumentException(
                "The log filename template "
                        + template
                        + " has an unclosed tag at character "
                        + at
                        + "; expected "
                        + expected
                        + ".");
    }

    /** The last path matched and its answer. */
    private record Matched(String path, Optional<PathIdentity> identity) {}

    /**
     * Records that travel one by one (Kafka) open a parser each, all with their file's path: the
     * answer for the last path saves running the pattern again for each of its lines. Kept per
     * thread: the templates are shared, and two source subtasks reading different files in turn
     * replaced each other's answer on nearly every record.
     */
    private final ThreadLocal<Matched> last = new ThreadLocal<>();

    /** The identity in {@code path} when it ends as this template says, else empty. */
    public Optional<PathIdentity> match(String path) {
        if (path == null) {
            return Optional.empty();
        }
        Matched recent = last.get();
        if (recent != null && recent.path().equals(path)) {
            return recent.identity();
        }
        Optional<PathIdentity> identity = matchNew(path);
        last.set(new Matched(path, identity));
        return identity;
    }

    private Optional<PathIdentity> matchNew(String path) {
        Matcher m = pattern.matcher(path.replace('\\', '/'));
        if (!m.find()) {
            return Optional.empty();
        }
        String dagId = null;
        String runId = null;
        String taskId = null;
        long mapIndex = -1;
        Long tryNumber = null;
        Instant logicalDate = null;
        try {
            for (int g = 0; g < groups.size(); g++) {
                String value = m.group(g + 1);
                if (value == null) {
                    continue;
                }
                switch (groups.get(g)) {
                    case DAG_ID -> dagId = value;
                    case RUN_ID -> runId = value;
                    case TASK_ID -> taskId = value;
                    case MAP_INDEX -> mapIndex = Long.parseLong(value);
                    case TRY_NUMBER -> tryNumber = Long.parseLong(value);
                    case LOGICAL_DATE -> logicalDate = AirflowTime.parse(value);
                    case OTHER -> {}
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty(); // a try number too long for a long is not a try number
        }
        return Optional.of(
                new PathIdentity(dagId, runId, taskId, mapIndex, tryNumber, logicalDate));
    }

    /** The template this matcher was compiled from. */
    public String template() {
        return template;
    }

    @Override
    public String toString() {
        return template;
    }
}
