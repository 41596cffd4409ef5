package dev.runtrail.correlate.link;

import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Names;
import dev.runtrail.correlate.Times;
import dev.runtrail.correlate.attempt.AttemptMachine;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The linker's view of one session: the latest snapshot from the session builder, the facts the
 * match methods read, and the current link decision. A Flink POJO (the snapshot travels as a
 * generic type).
 */
public class LinkedSession {
    public String sessionKey;
    public EcsDocument snapshot;
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

    /** Normalized command lines of the session's processes. */
    public List<String> processCommands = new ArrayList<>();

    /** When the first decision is due: the logon plus the skew tolerance. */
    public long decideAt = Times.NONE;

    public boolean decided;
    public String method;
    public double confidence;
    public String attemptKey;
    public List<String> candidates = new ArrayList<>();

    /** The window of the linked attempt, for its identity fields. */
    public AttemptWindow attempt;

    /** Every attempt linked (more than one only for a worker session running several tasks). */
    public List<AttemptWindow> attempts = new ArrayList<>();

    public long revision;

    /** The host clock skew the decision used, in ms. */
    public long skewUsed;

    /** True once this session has contributed a sample to the host's clock-skew estimate. */
    public boolean skewSampled;

    public LinkedSession() {}

    /** Takes the facts from a new snapshot of the session builder. */
    public void refresh(EcsDocument doc, long recordTime) {
        snapshot = doc;
        sessionKey = doc.id();
        logonTime = Times.millis(doc, Ecs.TIMESTAMP);
        endTime = Times.millis(doc, Ecs.EVENT_END);
        updatedAt = Math.max(updatedAt, recordTime);
        Names.Account a =
                Names.account(doc.getString(Ecs.USER_NAME), doc.getString(Ecs.USER_DOMAIN));
        account = a == null ? null : a.toString();
        sourceIp = doc.getString(Ecs.SOURCE_IP);
        if (sourceIp != null && (sourceIp.equals("-") || !Names.isIpLiteral(sourceIp))) {
            sourceIp = null;
        }
        // A logon that names its own computer as the workstation (OpenSSH, cleartext, local) says
        // nothing about where the client was.
        String station = Names.host(doc.getString(Ecs.SOURCE_DOMAIN));
        boolean local =
                station == null
                        || station.equals("-")
                        || station.equals(Names.host(doc.getString(Ecs.HOST_NAME)));
        workstation = local ? null : station;
        commands.clear();
        processCommands.clear();
        if (doc.get(Fields.SESSION_PROCESS_COMMAND_LINE) instanceof List<?> cmds
                && doc.get(Fields.SESSION_PROCESS_TIME) instanceof List<?> times) {
            for (int i = 0; i < cmds.size() && i < times.size(); i++) {
                String cmd = cmds.get(i).toString();
                if (!cmd.equals("-")) {
                    processCommands.add(AttemptMachine.normalizeCommand(cmd));
                }
                CommandLines.Invocation inv = CommandLines.parse(cmd);
                if (inv != null && times.get(i) instanceof Instant t) {
                    commands.add(new CommandUse(t.toEpochMilli(), inv));
                }
            }
        }
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
        candidates = new ArrayList<>(d.candidates());
        attempt = d.window();
        attempts = new ArrayList<>(d.linked());
        return changed;
    }

    /** Keys of every linked attempt. */
    public List<String> attemptKeys() {
        return keysOf(attempts);
    }

    private static List<String> keysOf(List<AttemptWindow> windows) {
        List<String> keys = new ArrayList<>(windows.size());
        for (AttemptWindow w : windows) {
            keys.add(w.attemptKey);
        }
        return keys;
    }

    /** The session document to write: the snapshot plus the link and the revision. */
    public EcsDocument render() {
        EcsDocument d = snapshot.copy();
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
                for (AttemptWindow w : attempts) {
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
        } else if (attempt != null) {
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
