package dev.runtrail.correlate;

import dev.runtrail.correlate.attempt.AttemptMachine;
import dev.runtrail.correlate.attempt.AttemptOperator;
import dev.runtrail.correlate.attempt.AttemptRecordOperator;
import dev.runtrail.correlate.attempt.ConnectionResolver;
import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.correlate.link.SessionLink;
import dev.runtrail.correlate.link.SessionLinker;
import dev.runtrail.correlate.run.RunOperator;
import dev.runtrail.correlate.session.SessionOperator;
import dev.runtrail.correlate.session.SessionState;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The correlation stage: wires the router, the session, attempt, link, attempt-record and run
 * operators. Every stateful operator has a stable uid so savepoints survive refactoring.
 *
 * <pre>
 * events ─ router ─┬─ windows ── sessions(host|logon id) ── snapshots ─┐
 *                  ├─ task logs ─ attempts(attempt key) ── windows ────┴─ linker(host) ── SESSIONS
 *                  │                         └─ snapshots ─ attempt records(attempt key) ── ATTEMPTS
 *                  │                                         (+ links from the linker)
 *                  └─ dagrun/audit/proxy triggers + attempt snapshots ─ runs(dag id) ─── RUNS
 * </pre>
 *
 * <p>Task-log lines pass a connection resolver (keyed by attempt key, Airflow connections
 * broadcast) before the attempt builder, so hooks that log only a connection id get its host and
 * login.
 *
 * <p>Safe with object reuse: the router changes nothing and sends each event on network edges only;
 * the operators that change an event (lateness, keys, connection fields) got it over a network
 * edge, which always deserializes a new object, and hand it on without keeping it (waiting events
 * leave state when they are emitted); records are new documents on every emission.
 */
public final class Correlation {
    private Correlation() {}

    /** Correlates normalized events; see {@link CorrelatedStreams}. */
    public static CorrelatedStreams apply(
            DataStream<EcsDocument> input, CorrelationSettings settings) {
        DataStream<EcsDocument> events =
                settings.assignWatermarks()
                        ? input.assignTimestampsAndWatermarks(watermarks(settings))
                                .name("Correlation watermarks")
                                .uid("correlate-watermarks")
                        : input;

        // Stateless: at its input's parallelism the router chains to the source instead of
        // costing every event one more network hop (serialize, deserialize) before the keyBy.
        SingleOutputStreamOperator<EcsDocument> routed =
                events.process(new Router(), Tags.DOCUMENT)
                        .setParallelism(events.getParallelism())
                        .name("Route to correlation")
                        .uid("correlate-router");

        SingleOutputStreamOperator<EcsDocument> sessionEvents =
                routed.getSideOutput(Router.WINDOWS)
                        .keyBy(Router::sessionKey, Types.STRING)
                        .process(new SessionOperator(settings), Tags.DOCUMENT)
                        .name("Logon sessions")
                        .uid("correlate-sessions");

        BroadcastStream<EcsDocument> connections =
                routed.getSideOutput(Router.CONNECTIONS).broadcast(ConnectionResolver.CONNECTIONS);
        DataStream<EcsDocument> taskEvents =
                routed.getSideOutput(Router.TASKS)
                        .keyBy(AttemptMachine::attemptKey, Types.STRING)
                        .connect(connections)
                        .process(new ConnectionResolver(settings), Tags.DOCUMENT)
                        .name("Resolve Airflow connections")
                        .uid("correlate-connections");
        // The resolver keeps each line on the subtask of its attempt key (it is keyed by the same
        // key and emits only lines of its own keys), so the attempt builder chains to it instead
        // of shuffling every task line a second time.
        SingleOutputStreamOperator<EcsDocument> attemptEvents =
                DataStreamUtils.reinterpretAsKeyedStream(
                                taskEvents, AttemptMachine::attemptKey, Types.STRING)
                        .process(new AttemptOperator(settings), Tags.DOCUMENT)
                        .name("Task attempts")
                        .uid("correlate-attempts");
        DataStream<EcsDocument> attemptSnapshots =
                attemptEvents.getSideOutput(Tags.ATTEMPT_SNAPSHOTS);
        DataStream<AttemptWindow> attemptWindows =
                attemptEvents.getSideOutput(Tags.ATTEMPT_WINDOWS);

        SingleOutputStreamOperator<EcsDocument> sessions =
                sessionEvents
                        .getSideOutput(Tags.SESSION_SNAPSHOTS)
                        .keyBy(Correlation::linkHost, Types.STRING)
                        .connect(attemptWindows.keyBy(w -> w.host, Types.STRING))
                        .process(new SessionLinker(settings), Tags.DOCUMENT)
                        .name("Link sessions to attempts")
                        .uid("correlate-linker");
        DataStream<SessionLink> links = sessions.getSideOutput(Tags.SESSION_LINKS);

        SingleOutputStreamOperator<EcsDocument> attempts =
                attemptSnapshots
                        .keyBy(EcsDocument::id, Types.STRING)
                        .connect(links.keyBy(l -> l.attemptKey, Types.STRING))
                        .process(new AttemptRecordOperator(settings), Tags.DOCUMENT)
                        .name("Attempt records")
                        .uid("correlate-attempt-records");

        SingleOutputStreamOperator<EcsDocument> runEvents =
                routed.getSideOutput(Router.RUNS)
                        .union(attemptSnapshots)
                        .keyBy(d -> d.getString(Ecs.AIRFLOW_DAG_ID), Types.STRING)
                        .process(new RunOperator(settings), Tags.DOCUMENT)
                        .name("DAG runs")
                        .uid("correlate-runs");

        DataStream<EcsDocument> allEvents = routed.union(sessionEvents, attemptEvents, runEvents);
        DataStream<EcsDocument> runs = runEvents.getSideOutput(Tags.RUN_RECORDS);
        return new CorrelatedStreams(
                allEvents,
                sessions,
                attempts,
                runs,
                List.of(routed, sessionEvents, attemptEvents, runEvents, sessions, attempts, runs));
    }

    /**
     * Event time from {@code @timestamp} with bounded out-of-orderness. Jobs that read several
     * sources should put this on each source ({@code fromSource(source, strategy, name)}) and set
     * {@code correlation.watermark.assign: false}, so a slow source holds the watermark back
     * instead of its events arriving late.
     */
    public static WatermarkStrategy<EcsDocument> watermarks(CorrelationSettings settings) {
        return WatermarkStrategy.<EcsDocument>forBoundedOutOfOrderness(
                        Duration.ofMillis(settings.outOfOrderness()))
                .withTimestampAssigner(
                        (doc, previous) -> {
                            long ts = Times.millis(doc, Ecs.TIMESTAMP);
                            return ts == Times.NONE ? previous : ts;
                        });
    }

    /** The linker key of a session: its normalized host. */
    static String linkHost(SessionState session) {
        return session.host;
    }
}
