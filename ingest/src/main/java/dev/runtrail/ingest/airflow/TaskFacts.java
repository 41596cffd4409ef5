package dev.runtrail.ingest.airflow;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.time.Instant;
import java.util.Locale;

/**
 * Recognises the task-log messages in which Airflow (and the WinRM, PSRP, SSH and generic hooks)
 * state facts about an attempt, and sets those facts with an {@code event.action} (see the event
 * contract). Messages are matched by their fixed prefixes, dispatched on the first character, so a
 * line that states nothing costs a switch and a {@code startsWith} or two.
 *
 * <p>Markdown bold ({@code **4029044**}), which appears when logs are pasted from GitHub, is
 * removed before values are read; the message itself is kept as written.
 */
final class TaskFacts {
    static final String TASK_STARTED = "task-started";
    static final String TASK_HOST = "task-host";
    static final String TASK_PID = "task-pid";
    static final String REMOTE_CONNECTION = "remote-connection";
    static final String TASK_FINISHED = "task-finished";
    static final String TASK_EXITED = "task-exited";

    private static final String TI_MARK = "<TaskInstance: ";

    private TaskFacts() {}

    /**
     * Sets the facts {@code message} states on {@code doc} and teaches {@code ctx} what the line
     * reveals about the attempt (run id, try number, connection id).
     *
     * @param message the log message (only its first line is examined)
     * @param time the line's time, or null
     */
    static void extract(String message, Instant time, EcsDocument doc, AttemptContext ctx) {
        if (message.isEmpty()) {
            return;
        }
        int nl = message.indexOf('\n');
        String m = nl >= 0 ? message.substring(0, nl) : message;
        if (m.indexOf("**") >= 0) {
            m = m.replace("**", "");
        }
        if (m.isEmpty()) {
            return;
        }
        switch (m.charAt(0)) {
            case 'S' -> {
                if (m.startsWith("Starting attempt ")) {
                    startingAttempt(m, time, doc, ctx);
                } else if (m.startsWith("Started process ")) {
                    startedProcess(m, doc);
                }
            }
            case 'E' -> {
                if (m.startsWith("Executing <Task(")) {
                    executing(m, time, doc);
                } else if (m.startsWith("Establishing WinRM connection ")) {
                    establishingWinRm(m, doc, ctx);
                }
            }
            case 'R' -> {
                if (m.startsWith("Running <TaskInstance: ") || m.startsWith("Running %s on host")) {
                    runningOnHost(m, doc);
                } else if (m.startsWith("Running: [")) {
                    runningCommand(m, ctx);
                }
            }
            case 'M' -> {
                if (m.startsWith("Marking task as ")) {
                    markingTask(m, time, doc, ctx);
                }
            }
            case 'T' -> {
                if (m.startsWith("Task exited with return code ")) {
                    Long code = exitCode(m, "Task exited with return code ".length());
                    if (code != null) {
                        doc.put(Ecs.EVENT_ACTION, TASK_EXITED);
                        doc.put(Ecs.PROCESS_EXIT_CODE, code);
                    }
                }
            }
            case 'C' -> {
                String conn = after(m, "Creating WinRM client for conn_id: ");
                if (conn == null) {
                    conn = after(m, "Creating SSH client for conn_id: ");
                }
                if (conn != null && !conn.equals("None")) {
                    connection(doc, ctx, conn, null, null);
                } else if (ctx.lastConnId != null
                        && (m.startsWith("Creating ssh_client")
                                || m.startsWith("Connected (version "))) {
                    // SSHOperator and paramiko do not name the host; the connection id came earlier
                    connection(doc, ctx, null, null, null);
                }
            }
            case 'U' -> {
                if (m.startsWith("Using connection ID '")) {
                    int start = "Using connection ID '".length();
                    int end = m.indexOf("' for task execution", start);
                    if (end > start) {
                        connection(doc, ctx, m.substring(start, end), null, null);
                    }
                } else if (m.startsWith("Using connection to: id: ")) {
                    legacyConnection(m, doc, ctx);
                }
            }
            default -> {}
        }
        if (ctx.runId == null) {
            learnRunIdFromTaskInstance(m, ctx);
        }
    }

    /** "Starting attempt 1 of 3". */
    private static void startingAttempt(
            String m, Instant time, EcsDocument doc, AttemptContext ctx) {
        Long attempt = leadingLong(m, "Starting attempt ".length());
        if (attempt == null) {
            return;
        }
        ctx.learnTryNumber(attempt);
        doc.put(Ecs.EVENT_ACTION, TASK_STARTED);
        doc.put(Ecs.EVENT_START, time);
    }

    /** "Started process 1234 to run task". */
    private static void startedProcess(String m, EcsDocument doc) {
        Long pid = leadingLong(m, "Started process ".length());
        if (pid != null) {
            doc.put(Ecs.EVENT_ACTION, TASK_PID);
            doc.put(Ecs.PROCESS_PID, pid);
        }
    }

    /** "Executing <Task(BashOperator): run_this> on 2024-05-01 00:00:00+00:00". */
    private static void executing(String m, Instant time, EcsDocument doc) {
        int start = "Executing <Task(".length();
        int close = m.indexOf(')', start);
        if (close <= start) {
            return;
        }
        doc.put(Ecs.EVENT_ACTION, TASK_STARTED);
        doc.put(Ecs.AIRFLOW_OPERATOR, m.substring(start, close));
        doc.put(Ecs.EVENT_START, time);
        int on = m.indexOf("> on ", close);
        if (on > 0) {
            doc.put(Ecs.AIRFLOW_LOGICAL_DATE, AirflowTime.parse(m, on + 5, m.length()));
        }
    }

    /**
     * WinRM hook: "Establishing WinRM connection to host: HOST"; PSRP hook: "Establishing WinRM
     * connection CONN_ID to host: HOST".
     */
    private static void establishingWinRm(String m, EcsDocument doc, AttemptContext ctx) {
        int rest = "Establishing WinRM connection ".length();
        int toHost = m.indexOf("to host: ", rest);
        if (toHost < 0) {
            return;
        }
        String conn = toHost > rest ? m.substring(rest, toHost).trim() : null;
        String host = m.substring(toHost + "to host: ".length()).trim();
        connection(doc, ctx, conn, host.isEmpty() || host.equals("None") ? null : host, null);
    }

    /**
     * Airflow 1.10: "Using connection to: id: X. Host: H, Port: P, Schema: S, Login: L, Password:
     * XXXXXXXX, extra: ...".
     */
    private static void legacyConnection(String m, EcsDocument doc, AttemptContext ctx) {
        int start = "Using connection to: id: ".length();
        int end = m.indexOf(". Host: ", start);
        if (end < 0) {
            return;
        }
        String conn = m.substring(start, end);
        String host = field(m, "Host: ", end);
        String login = field(m, "Login: ", end);
        connection(
                doc,
                ctx,
                conn,
                "None".equals(host) ? null : host,
                "None".equals(login) ? null : login);
    }

    private static String field(String m, String label, int from) {
        int at = m.indexOf(label, from);
        if (at < 0) {
            return null;
        }
        int start = at + label.length();
        int end = m.indexOf(", ", start);
        return (end < 0 ? m.substring(start) : m.substring(start, end)).trim();
    }

    private static void connection(
            EcsDocument doc, AttemptContext ctx, String conn, String host, String user) {
        doc.put(Ecs.EVENT_ACTION, REMOTE_CONNECTION);
        if (conn != null && !conn.isEmpty()) {
            ctx.lastConnId = conn;
        }
        doc.put(Ecs.AIRFLOW_CONN_ID, conn != null && !conn.isEmpty() ? conn : ctx.lastConnId);
        if (host != null) {
            doc.put(Ecs.AIRFLOW_REMOTE_HOST, host);
            doc.put(isIpLiteral(host) ? Ecs.DESTINATION_IP : Ecs.DESTINATION_DOMAIN, host);
            doc.add(Ecs.RELATED_HOSTS, host);
        }
        if (user != null && !user.isEmpty()) {
            doc.put(Ecs.USER_NAME, user);
            doc.add(Ecs.RELATED_USER, user);
        }
    }

    /**
     * "Running <TaskInstance: dag.task run [running]> on host HOST", and the 1.10 form with the
     * unformatted template: "Running %s on host %s <TaskInstance: ...> HOST".
     */
    private static void runningOnHost(String m, EcsDocument doc) {
        String host;
        if (m.startsWith("Running %s")) {
            int close = m.lastIndexOf("]>");
            host = close > 0 ? m.substring(close + 2).trim() : null;
        } else {
            int at = m.lastIndexOf(" on host ");
            host = at > 0 ? m.substring(at + " on host ".length()).trim() : null;
        }
        if (host == null || host.isEmpty() || host.indexOf(' ') >= 0) {
            return;
        }
        doc.put(Ecs.EVENT_ACTION, TASK_HOST);
        doc.put(Ecs.AIRFLOW_HOSTNAME, host);
        doc.put(Ecs.HOST_HOSTNAME, host);
        doc.add(Ecs.RELATED_HOSTS, host);
    }

    /**
     * "Running: ['airflow', 'tasks', 'run', DAG, TASK, RUN_ID_OR_DATE, ...]": the run id when the
     * path had none (1.10 puts the execution date there instead, which is not a run id).
     */
    private static void runningCommand(String m, AttemptContext ctx) {
        if (ctx.runId != null) {
            return;
        }
        int run = m.indexOf("'run', '");
        if (run < 0) {
            return;
        }
        int p = run + "'run', ".length();
        String[] values = new String[3];
        for (int i = 0; i < 3; i++) {
            if (p >= m.length() || m.charAt(p) != '\'') {
                return;
            }
            int end = m.indexOf('\'', p + 1);
            if (end < 0) {
                return;
            }
            values[i] = m.substring(p + 1, end);
            p = end + 1;
            if (m.startsWith(", ", p)) {
                p += 2;
            }
        }
        if (AirflowTime.parse(values[2]) == null) {
            ctx.learnRunId(values[2]);
        }
    }

    /**
     * "Marking task as SUCCESS. dag_id=d, task_id=t, run_id=r, execution_date=20240723T154406,
     * start_date=..., end_date=..." (1.10 omits the space after the period; 2.x later writes
     * logical_date and map_index).
     */
    private static void markingTask(String m, Instant time, EcsDocument doc, AttemptContext ctx) {
        int start = "Marking task as ".length();
        int end = start;
        while (end < m.length() && (Character.isLetter(m.charAt(end)) || m.charAt(end) == '_')) {
            end++;
        }
        if (end == start) {
            return;
        }
        doc.put(Ecs.EVENT_ACTION, TASK_FINISHED);
        doc.put(Ecs.AIRFLOW_STATE, m.substring(start, end).toLowerCase(Locale.ROOT));
        doc.put(Ecs.EVENT_END, time);
        int p = end;
        if (p < m.length() && m.charAt(p) == '.') {
            p++;
        }
        while (p < m.length()) {
            while (p < m.length() && (m.charAt(p) == ' ' || m.charAt(p) == ',')) {
                p++;
            }
            int eq = m.indexOf('=', p);
            if (eq < 0) {
                break;
            }
            String key = m.substring(p, eq);
            int next = nextField(m, eq + 1);
            String value = m.substring(eq + 1, next);
            switch (key) {
                case "run_id" -> ctx.learnRunId(value);
                case "map_index" -> {}
                case "execution_date", "logical_date" ->
                        doc.put(Ecs.AIRFLOW_LOGICAL_DATE, AirflowTime.parse(value));
                case "start_date" -> doc.put(Ecs.EVENT_START, AirflowTime.parse(value));
                default -> {}
            }
            p = next;
        }
    }

    /** The end of a {@code key=value} value: the next ", word=" or the end of the line. */
    private static int nextField(String m, int from) {
        int p = from;
        while (true) {
            int comma = m.indexOf(", ", p);
            if (comma < 0) {
                return m.length();
            }
            int k = comma + 2;
            while (k < m.length()
                    && (Character.isLetterOrDigit(m.charAt(k)) || m.charAt(k) == '_')) {
                k++;
            }
            if (k > comma + 2 && k < m.length() && m.charAt(k) == '=') {
                return comma;
            }
            p = comma + 2;
        }
    }

    /** The run id in "<TaskInstance: dag.task RUN_ID [state]>" when it is not a date (1.10). */
    private static void learnRunIdFromTaskInstance(String m, AttemptContext ctx) {
        int at = m.indexOf(TI_MARK);
        if (at < 0) {
            return;
        }
        int p = m.indexOf(' ', at + TI_MARK.length());
        if (p < 0) {
            return;
        }
        int end = m.indexOf(' ', p + 1);
        if (end < 0) {
            return;
        }
        String token = m.substring(p + 1, end);
        if (!token.isEmpty()
                && token.charAt(0) != '['
                && !token.startsWith("map_index=")
                && AirflowTime.parse(token) == null) {
            ctx.learnRunId(token);
        }
    }

    private static String after(String m, String prefix) {
        if (!m.startsWith(prefix)) {
            return null;
        }
        String value = m.substring(prefix.length()).trim();
        return value.isEmpty() ? null : value;
    }

    /**
     * A return code: a number, or Python's name for a child killed by a signal ({@code
     * Negsignal.SIGKILL}), which subprocess reports as the negative signal number.
     */
    private static Long exitCode(String m, int p) {
        Long code = leadingLong(m, p);
        if (code != null || !m.startsWith("Negsignal.SIG", p)) {
            return code;
        }
        String signal = m.substring(p + "Negsignal.SIG".length()).trim();
        return switch (signal) {
            case "HUP" -> -1L;
            case "INT" -> -2L;
            case "ABRT" -> -6L;
            case "KILL" -> -9L;
            case "SEGV" -> -11L;
            case "TERM" -> -15L;
            default -> null;
        };
    }

    /** The (optionally negative) decimal number starting at {@code p}, or null. */
    static Long leadingLong(String s, int p) {
        int start = p;
        if (p < s.length() && s.charAt(p) == '-') {
            p++;
        }
        int digits = p;
        while (p < s.length() && p - digits < 18 && Character.isDigit(s.charAt(p))) {
            p++;
        }
        if (p == digits) {
            return null;
        }
        return Long.parseLong(s, start, p, 10);
    }

    static boolean isIpLiteral(String host) {
        boolean v6 = host.indexOf(':') >= 0;
        int dots = 0;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '.') {
                dots++;
            } else if (!(c >= '0' && c <= '9'
                    || v6 && (c == ':' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return v6 || dots == 3;
    }
}
