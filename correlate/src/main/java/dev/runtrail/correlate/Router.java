package dev.runtrail.correlate;

import dev.runtrail.correlate.attempt.AttemptMachine;
import dev.runtrail.correlate.run.RunMachine;
import dev.runtrail.correlate.session.SessionMachine;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Sends each event to the builder that reads it: Windows events with a logon id to sessions,
 * Airflow task-log events to attempts, dagRun / event-log / proxy trigger events to runs; Airflow
 * connections go to the attempts' connection resolver and on as events. Everything else passes
 * through on the main output. Stateless.
 */
public class Router extends ProcessFunction<EcsDocument, EcsDocument> {
    public static final OutputTag<EcsDocument> WINDOWS =
            new OutputTag<>("windows-sessions", Tags.DOCUMENT);
    public static final OutputTag<EcsDocument> TASKS =
            new OutputTag<>("airflow-tasks", Tags.DOCUMENT);
    public static final OutputTag<EcsDocument> RUNS = new OutputTag<>("run-inputs", Tags.DOCUMENT);

    /** Airflow connections (conn id to host and login), also passed through as events. */
    public static final OutputTag<EcsDocument> CONNECTIONS =
            new OutputTag<>("airflow-connections", Tags.DOCUMENT);

    static final String CONNECTION_DATASET = "airflow.connection";

    @Override
    public void processElement(EcsDocument e, Context ctx, Collector<EcsDocument> out) {
        if (CONNECTION_DATASET.equals(e.getString(Ecs.EVENT_DATASET))) {
            ctx.output(CONNECTIONS, e);
        }
        OutputTag<EcsDocument> route = routeOf(e);
        if (route == null) {
            out.collect(e);
        } else {
            ctx.output(route, e);
        }
    }

    /** The side output an event goes to, or null for pass-through. */
    public static OutputTag<EcsDocument> routeOf(EcsDocument e) {
        String dataset = e.getString(Ecs.EVENT_DATASET);
        if (dataset == null) {
            return null;
        }
        if (dataset.startsWith("windows.")) {
            return sessionKey(e) != null ? WINDOWS : null;
        }
        if (dataset.equals("airflow.task")) {
            return AttemptMachine.attemptKey(e) != null ? TASKS : null;
        }
        return RunMachine.accepts(e) ? RUNS : null;
    }

    /** The session builder's key: normalized host and logon id, or null when either is absent. */
    public static String sessionKey(EcsDocument e) {
        String host = Names.host(e.getString(Ecs.HOST_NAME));
        String logonId = SessionMachine.logonIdOf(e);
        if (host == null || logonId == null || logonId.equals("0x0")) {
            return null;
        }
        return host + "|" + logonId;
    }
}
