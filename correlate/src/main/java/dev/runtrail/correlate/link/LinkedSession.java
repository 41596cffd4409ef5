package dev.runtrail.correlate.link;

import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Names;
import dev.runtrail.correlate.StringPool;
import dev.runtrail.correlate.Times;
import dev.runtrail.correlate.attempt.AttemptMachine;
import dev.runtrail.correlate.session.ProcessInfo;
import dev.runtrail.correlate.session.SessionMachine;
import dev.runtrail.correlate.session.SessionState;
import dev.runtrail.ingest.windows.LogonTypes;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The linker's view of one session: the latest state from the session builder (rendered into the
 * session document on each revision), the facts the match methods read, and the current link
 * decision. A Flink POJO.
 */
public class LinkedSession {
    public String sessionKey;

    /** The session builder's latest state; the linker's own copy. */
    public SessionState session;

    public long logonTime = Times.NONE;
    public long endTime = Times.NONE;

    /** Time of the latest snapshot record, for sessions that never report closing. */
    public long updatedAt = Times.NONE;

    public String account;
    public String sourceIp;

    /**
     * The client's NetBIOS name as the logon recorded it (4624 WorkstationName), normalized, or
     * null.
     */
    public String workstation;

    public List<CommandUse> commands = new ArrayList<>();

    /** When the first decision is due: the logon plus the skew tolerance. */
    public long decideAt = Times.NONE;

    public boolean decided;
    public String method;
    public double confidence;
    public String attemptKey;
    public List<String> candidates = new ArrayList<>();

    /**
     * Every attempt linked, the decision's own first (more than one only for a worker session
     * running several tasks).
     */
    public List<LinkedAttempt> attempts = new ArrayList<>();

    public long revision;

    /** Counts this session's link decisions sent to attempts ({@link SessionLink#sequence}). */
    public long linkSequence;

    /** The host clock skew the decision used, in ms. */
    public long skewUsed;

    /** True once this session has contributed a sample to the host's clock-skew estimate. */
    public boolean skewSampled;

    public LinkedSession() {}

    /**
     * Takes the facts from a new state of the session builder; repeating strings are shared through
     * the linker's pool.
     */
    public void refresh(SessionState state, long recordTime, StringPool pool) {
        state.compactForReading(pool);
        session = state;
        sessionKey = SessionMachine.sessionKey(state);
        logonTime = state.logonTime;
        endTime = state.endTime;
        updatedAt = Math.max(updatedAt, recordTime);
        Names.Account a = Names.account(state.userName, state.userDomain);
        account = a == null ? null : pool.intern(a.toString());
        sourceIp = state.sourceIp;
        if (sourceIp != null && (sourceIp.equals("-") || !Names.isIpLiteral(sourceIp))) {
            sourceIp = null;
        }
        // A logon that names its own computer as the workstation (OpenSSH, cleartext, local) says
        // nothing about where the client was.
        String station = Names.host(state.workstation);
        boolean local =
                station == null
                        || station.equals("-")
                        || station.equals(Names.host(state.hostName));
        workstation = local ? null : pool.intern(station);
        List<CommandUse> uses = List.of();
        for (ProcessInfo p : state.processes) {
            CommandLines.Invocation inv =
                    p.commandLine == null ? null : CommandLines.parse(p.commandLine);
            if (inv != null) {
                uses = uses.isEmpty() ? new ArrayList<>(2) : uses;
                uses.add(new CommandUse(p.time, inv));
            }
        }
        commands = uses;
    }

    /** Whether the session is a logon at a keyboard or over remote desktop. */
    public boolean isInteractive() {
        return session != null && LogonTypes.isInteractive(session.logonType);
    }

    /**
     * Normalized command lines of the session's processes (see {@link
     * AttemptMachine#normalizeCommand}); derived on demand, as only ambiguous links read them.
     */
    public List<String> processCommands() {
        if (session == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(session.processes.size());
        for (ProcessInfo p : session.processes) {
            if (p.commandLine != null && !p.commandLine.equals("-")) {
                out.add(AttemptMachine.normalizeCommand(p.commandLine));
            }
        }
        return out;
    }

    public boolean closed() {
        return endTime != Times.NONE;
    }

    /** Applies a decision; true when it differs from the current one. */
    public boolean apply(LinkDecider.Decision d) {
        boolean changed =
                !java.util.Objects.equals(method, d.method())
                        || !java.util.Objects.equals(attemptKey, d.attemptKey())
                        || !attemptKeys().equals(keysOf(d.linked()))
                        || Double.compare(confidence, d.confidence()) != 0
                        || !candidates.equals(d.candidates());
        method = d.method();
        attemptKey = d.attemptKey();
        confidence = d.confidence();
        candidates = d.candidates().isEmpty() ? List.of() : new ArrayList<>(d.candidates());
        attempts = new ArrayList<>(d.linked().size());
        for (AttemptWindow w : d.linked()) {
            attempts.add(LinkedAttempt.of(w));
        }
        return changed;
    }

    /** Whether the session is linked to this attempt; {@link #attemptKeys()} without a list. */
    public boolean links(String attemptKey) {
        for (LinkedAttempt a : attempts) {
            if (Objects.equals(a.attemptKey, attemptKey)) {
                return true;
            }
        }
        return false;
    }

    /** Keys of every linked attempt. */
    public List<String> attemptKeys() {
        List<String> keys = new ArrayList<>(attempts.size());
        for (LinkedAttempt a : attempts) {
            keys.add(a.attemptKey);
        }
        return keys;
    }

    private static List<String> keysOf(List<AttemptWindow> windows) {
        List<String> keys = new ArrayList<>(windows.size());
        for (AttemptWindow w : windows) {
            keys.add(w.attemptKey);
        }
        return keys;
    }

    /** The session document to write: the session's snapshot plus the link and the revision. */
    public EcsDocument render() {
        EcsDocument d = SessionMachine.snapshot(session);
        d.remove(Fields.SESSION_SEQUENCE);
        d.put(Ecs.RUNTRAIL_REVISION, revision);
        if (method == null) {
            return d;
        }
        d.put(Ecs.RUNTRAIL_MATCH_METHOD, method);
        d.put(Ecs.RUNTRAIL_MATCH_CONFIDENCE, confidence);
        d.put(Fields.MATCH_SKEW_MS, skewUsed);
        if (attempts.size() > 1) {
            // Parallel lists, one element per attempt, in start order.
            for (String field :
                    List.of(
                            Ecs.AIRFLOW_DAG_ID,
                            Ecs.AIRFLOW_RUN_ID,
                            Ecs.AIRFLOW_TASK_ID,
                            Ecs.AIRFLOW_MAP_INDEX,
                            Ecs.AIRFLOW_TRY_NUMBER,
                            Ecs.RUNTRAIL_ATTEMPT_KEY,
                            Ecs.RUNTRAIL_RUN_KEY)) {
                List<Object> values = new ArrayList<>(attempts.size());
                for (LinkedAttempt w : attempts) {
                    values.add(
                            switch (field) {
                                case Ecs.AIRFLOW_DAG_ID -> w.dagId;
                                case Ecs.AIRFLOW_RUN_ID -> w.runId;
                                case Ecs.AIRFLOW_TASK_ID -> w.taskId;
                                case Ecs.AIRFLOW_MAP_INDEX -> w.mapIndex;
                                case Ecs.AIRFLOW_TRY_NUMBER -> w.tryNumber;
                                case Ecs.RUNTRAIL_ATTEMPT_KEY -> w.attemptKey;
                                default -> w.runKey;
                            });
                }
                d.put(field, values);
            }
        } else if (!attempts.isEmpty()) {
            LinkedAttempt attempt = attempts.get(0);
            d.put(Ecs.AIRFLOW_DAG_ID, attempt.dagId);
            d.put(Ecs.AIRFLOW_RUN_ID, attempt.runId);
            d.put(Ecs.AIRFLOW_TASK_ID, attempt.taskId);
            d.put(Ecs.AIRFLOW_MAP_INDEX, attempt.mapIndex);
            d.put(Ecs.AIRFLOW_TRY_NUMBER, attempt.tryNumber);
            d.put(Ecs.RUNTRAIL_ATTEMPT_KEY, attempt.attemptKey);
            d.put(Ecs.RUNTRAIL_RUN_KEY, attempt.runKey);
        }
        d.put(Fields.MATCH_CANDIDATES, candidates);
        return d;
    }
}
