package dev.runtrail.ingest.proxy;

import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Recognises the audit-relevant Airflow requests in a proxy log from the method and the path (and
 * query): the 2.x Flask UI, REST API v1 (2.x) and REST API v2 (3.x). Airflow may be served under a
 * base path ({@code /airflow/...}); the endpoint is found after any prefix. Read-only requests
 * (GET, HEAD, OPTIONS) are never actions: the GET of the trigger page only shows the form.
 *
 * <p>Whether the action succeeded is not decided here: the caller keeps the response status, and
 * {@code event.outcome} says whether Airflow accepted it.
 */
public final class AirflowEndpoints {
    /** {@code airflow.api_version}: {@code ui2}, {@code v1} or {@code v2}. */
    public static final String API_VERSION = "airflow.api_version";

    /** {@code airflow.variable_key}: the variable named by a REST variable request. */
    public static final String VARIABLE_KEY = "airflow.variable_key";

    /** The UI's API version label. */
    public static final String UI2 = "ui2";

    /**
     * One recognised action.
     *
     * @param action {@code trigger}, {@code clear}, {@code mark_success}, ...
     * @param dagId the DAG, URL-decoded, or null when the request does not name it in the URL (UI
     *     forms post it in the body, which proxies do not log)
     * @param runId the DAG run id, when the path names one
     * @param taskId the task id, when the path names one
     * @param connId the connection id (connection endpoints)
     * @param variableKey the variable key (variable endpoints)
     * @param apiVersion {@code ui2}, {@code v1} or {@code v2}
     */
    public record Action(
            String action,
            String dagId,
            String runId,
            String taskId,
            String connId,
            String variableKey,
            String apiVersion) {

        /** Sets the {@code airflow.*} fields of this action on an event. */
        public void applyTo(EcsDocument doc) {
            doc.put(Ecs.AIRFLOW_ACTION, action);
            doc.put(Ecs.AIRFLOW_DAG_ID, dagId);
            doc.put(Ecs.AIRFLOW_RUN_ID, runId);
            doc.put(Ecs.AIRFLOW_TASK_ID, taskId);
            doc.put(Ecs.AIRFLOW_CONN_ID, connId);
            doc.put(VARIABLE_KEY, variableKey);
            doc.put(API_VERSION, apiVersion);
        }

        static Action of(String action, String dagId, String apiVersion) {
            return new Action(action, dagId, null, null, null, null, apiVersion);
        }
    }

    private AirflowEndpoints() {}

    /**
     * The action a request stands for, if any.
     *
     * @param method the HTTP method as logged
     * @param path the URL path, still percent-encoded as logged
     * @param query the query string without {@code ?}, or null
     */
    public static Optional<Action> match(String method, String path, String query) {
        if (method == null || path == null) {
            return Optional.empty();
        }
        String m = method.toUpperCase(java.util.Locale.ROOT);
        if (m.equals("GET") || m.equals("HEAD") || m.equals("OPTIONS")) {
            return Optional.empty();
        }
        List<String> raw = segments(path);
        for (int i = 0; i + 1 < raw.size(); i++) {
            if (raw.get(i).equals("api")
                    && (raw.get(i + 1).equals("v1") || raw.get(i + 1).equals("v2"))) {
                Action a = rest(m, raw.subList(i + 2, raw.size()), raw.get(i + 1));
                if (a != null) {
                    return Optional.of(a);
                }
            }
        }
        // UI routes are tried at every depth so a base path of any length works; the first
        // (shortest-prefix) match wins.
        for (int i = 0; i < raw.size(); i++) {
            Action a = ui(m, raw.subList(i, raw.size()), query);
            if (a != null) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** REST v1 (Airflow 2) and v2 (Airflow 3) share these shapes. */
    private static Action rest(String m, List<String> s, String version) {
        if (s.isEmpty()) {
            return null;
        }
        String root = s.get(0);
        int n = s.size();
        if (root.equals("dags")) {
            if (n == 1 && m.equals("PATCH")) {
                // bulk update by dag_id_pattern: is_paused is in the body
                return Action.of("pause_toggle", null, version);
            }
            if (n < 2) {
                return null;
            }
            String dag = Urls.decode(s.get(1));
            if (n == 2) {
                return switch (m) {
                    case "PATCH" -> Action.of("pause_toggle", dag, version);
                    case "DELETE" -> Action.of("delete_dag", dag, version);
                    default -> null;
                };
            }
            String sub = s.get(2);
            if (sub.equals("dagRuns")) {
                if (n == 3) {
                    return m.equals("POST") ? Action.of("trigger", dag, version) : null;
                }
                String run = Urls.decode(s.get(3));
                if (n == 4) {
                    return switch (m) {
                        case "PATCH" ->
                                new Action("set_run_state", dag, run, null, null, null, version);
                        case "DELETE" ->
                                new Action("delete_run", dag, run, null, null, null, version);
                        default -> null;
                    };
                }
                if (n == 5 && s.get(4).equals("clear") && m.equals("POST")) {
                    return new Action("clear", dag, run, null, null, null, version);
                }
                if (n >= 6 && s.get(4).equals("taskInstances")) {
                    String task = Urls.decode(s.get(5));
                    if (m.equals("PATCH") || m.equals("PUT")) {
                        return new Action("set_task_state", dag, run, task, null, null, version);
                    }
                }
                return null;
            }
            if (n == 3 && m.equals("POST")) {
                return switch (sub) {
                    case "clearTaskInstances" -> Action.of("clear", dag, version);
                    case "updateTaskInstancesState" -> Action.of("set_task_state", dag, version);
                    default -> null;
                };
            }
            return null;
        }
        if (root.equals("users") || root.equals("roles")) {
            String kind = root.equals("users") ? "user" : "role";
            return switch (m) {
                case "POST" -> n == 1 ? Action.of(kind + "_create", null, version) : null;
                case "PATCH", "PUT" -> n >= 2 ? Action.of(kind + "_edit", null, version) : null;
                case "DELETE" -> n >= 2 ? Action.of(kind + "_delete", null, version) : null;
                default -> null;
            };
        }
        if (root.equals("connections") || root.equals("variables")) {
            boolean conn = root.equals("connections");
            String kind = conn ? "connection" : "variable";
            String id = n >= 2 ? Urls.decode(s.get(1)) : null;
            if (n >= 2 && s.get(1).equals("test")) {
                return null; // testing a connection changes nothing
            }
            String action =
                    switch (m) {
                        case "POST" -> n == 1 ? kind + "_create" : null;
                        case "PATCH", "PUT" -> kind + "_edit";
                        case "DELETE" -> kind + "_delete";
                        default -> null;
                    };
            if (action == null) {
                return null;
            }
            if (n >= 2 && s.get(1).equals("bulk")) {
                id = null;
            }
            return new Action(
                    action, null, null, null, conn ? id : null, conn ? null : id, version);
        }
        return null;
    }

    /** The Airflow 2.x Flask UI (views.py and the Flask-AppBuilder model views). */
    private static Action ui(String m, List<String> s, String query) {
        if (!m.equals("POST")) {
            return null;
        }
        int n = s.size();
        String first = s.get(0);
        if (first.equals("dags") && n == 3 && s.get(2).equals("trigger")) {
            return Action.of("trigger", Urls.decode(s.get(1)), UI2);
        }
        if (n == 1) {
            String dag = queryParam(query, "dag_id");
            switch (first) {
                case "trigger":
                    return Action.of("trigger", dag, UI2);
                case "clear":
                case "dagrun_clear":
                    return uiWithIds("clear", dag, query);
                case "success":
                case "dagrun_success":
                    return uiWithIds("mark_success", dag, query);
                case "failed":
                case "dagrun_failed":
                    return uiWithIds("mark_failed", dag, query);
                case "dagrun_queued":
                    return uiWithIds("mark_queued", dag, query);
                case "delete":
                    return Action.of("delete_dag", dag, UI2);
                case "run":
                    // the "Run" button of a task instance (form fields in the body)
                    return uiWithIds("run_task", dag, query);
                case "paused":
                    // The UI posts the state of the on/off switch: is_paused=true means the switch
                    // was turned on (the DAG runs), which Airflow 2's views.py turns into
                    // set_is_paused(False). Without the parameter the direction is unknown.
                    String p = queryParam(query, "is_paused");
                    String action =
                            "true".equals(p)
                                    ? "unpause"
                                    : "false".equals(p) ? "pause" : "pause_toggle";
                    return Action.of(action, dag, UI2);
                default:
                    return null;
            }
        }
        if (n >= 2
                && (first.equals("connection")
                        || first.equals("variable")
                        || first.equals("users")
                        || first.equals("roles"))) {
            String kind =
                    switch (first) {
                        case "users" -> "user";
                        case "roles" -> "role";
                        default -> first;
                    };
            String verb = s.get(1);
            String action =
                    switch (verb) {
                        case "add" -> "_create";
                        case "edit" -> "_edit";
                        case "delete" -> "_delete";
                        case "action_post" -> "_bulk_action";
                        case "varimport" -> "_import";
                        default -> null;
                    };
            return action == null ? null : Action.of(kind + action, null, UI2);
        }
        if (n >= 2 && first.equals("dagrun")) {
            return switch (s.get(1)) {
                case "delete" -> Action.of("delete_run", null, UI2);
                case "edit" -> Action.of("dagrun_edit", null, UI2);
                case "action_post" -> Action.of("dagrun_bulk_action", null, UI2);
                default -> null;
            };
        }
        if (n >= 2 && first.equals("taskinstance")) {
            return switch (s.get(1)) {
                case "delete" -> Action.of("taskinstance_delete", null, UI2);
                case "edit" -> Action.of("taskinstance_edit", null, UI2);
                case "action_post" -> Action.of("taskinstance_bulk_action", null, UI2);
                default -> null;
            };
        }
        return null;
    }

    private static Action uiWithIds(String action, String dag, String query) {
        return new Action(
                action,
                dag,
                queryParam(query, "dag_run_id") != null
                        ? queryParam(query, "dag_run_id")
                        : queryParam(query, "run_id"),
                queryParam(query, "task_id"),
                null,
                null,
                UI2);
    }

    private static List<String> segments(String path) {
        List<String> out = new ArrayList<>(8);
        int i = 0;
        int len = path.length();
        while (i < len) {
            while (i < len && path.charAt(i) == '/') {
                i++;
            }
            int start = i;
            while (i < len && path.charAt(i) != '/') {
                i++;
            }
            if (i > start) {
                out.add(path.substring(start, i));
            }
        }
        return out;
    }

    /** The first value of a query parameter, URL-decoded ({@code +} is a space), or null. */
    static String queryParam(String query, String name) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        int i = 0;
        while (i <= query.length()) {
            int amp = query.indexOf('&', i);
            int end = amp < 0 ? query.length() : amp;
            int eq = query.indexOf('=', i);
            if (eq > 0
                    && eq < end
                    && query.regionMatches(i, name, 0, name.length())
                    && eq - i == name.length()) {
                String v = Urls.decode(query.substring(eq + 1, end).replace('+', ' '));
                return v.isEmpty() ? null : v;
            }
            if (amp < 0) {
                break;
            }
            i = amp + 1;
        }
        return null;
    }
}
