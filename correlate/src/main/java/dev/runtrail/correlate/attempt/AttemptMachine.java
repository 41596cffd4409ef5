package dev.runtrail.correlate.attempt;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Names;
import dev.runtrail.correlate.Times;
import dev.runtrail.correlate.link.AttemptWindow;
import dev.runtrail.correlate.run.RunMachine;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.Kind;
import java.util.Locale;

/**
 * Builds one task attempt from its Airflow task-log events, without Flink: start, worker, pid,
 * remote targets, end and state come from the lines whose {@code event.action} the parsers set.
 * Like {@link dev.runtrail.correlate.session.SessionMachine}, snapshots are emitted on the deadline
 * after a change; a finished attempt is kept for late lines, then forgotten.
 */
public final class AttemptMachine {
    private final CorrelationSettings settings;

    public AttemptMachine(CorrelationSettings settings) {
        this.settings = settings;
    }

    /** The attempt key of an Airflow event: the parser's, or computed from its identity fields. */
    public static String attemptKey(EcsDocument e) {
        String key = e.getString(Ecs.RUNTRAIL_ATTEMPT_KEY);
        if (key != null) {
            return key;
        }
        String dag = e.getString(Ecs.AIRFLOW_DAG_ID);
        String run = e.getString(Ecs.AIRFLOW_RUN_ID);
        String task = e.getString(Ecs.AIRFLOW_TASK_ID);
        Long tryNumber = e.getLong(Ecs.AIRFLOW_TRY_NUMBER);
        if (dag == null || run == null || task == null || tryNumber == null) {
            return null;
        }
        Long mapIndex = e.getLong(Ecs.AIRFLOW_MAP_INDEX);
        return Keys.attempt(dag, run, task, mapIndex == null ? -1 : mapIndex, tryNumber);
    }

    /** Applies one task-log event of this attempt; {@code now} is the watermark. */
    public void onEvent(AttemptState s, EcsDocument e, long now, AttemptOutput out) {
        long ts = Times.millis(e, Ecs.TIMESTAMP);
        if (ts == Times.NONE) {
            ts = now;
        }
        if (!s.known()) {
            identify(s, e);
        }
        s.firstSeen = s.firstSeen == Times.NONE ? ts : Math.min(s.firstSeen, ts);
        s.lastSeen = Math.max(s.lastSeen, ts);
        // Read only while unknown: the logical date is an Instant that getString would format on
        // every line.
        if (s.runType == null) {
            s.runType = e.getString(Ecs.AIRFLOW_RUN_TYPE);
        }
        if (s.owner == null) {
            s.owner = e.getString(Ecs.AIRFLOW_OWNER);
        }
        if (s.logicalDate == null) {
            s.logicalDate = e.getString(Ecs.AIRFLOW_LOGICAL_DATE);
        }
        if (s.workerIp == null) {
            s.workerIp = e.getString(Ecs.HOST_IP);
        }
        String action = e.getString(Ecs.EVENT_ACTION);
        switch (action == null ? "" : action) {
            case "task-started" -> {
                long start = Times.millis(e, Ecs.EVENT_START);
                start = start == Times.NONE ? ts : start;
                s.start = s.start == Times.NONE ? start : Math.min(s.start, start);
                s.operator = first(s.operator, e.getString(Ecs.AIRFLOW_OPERATOR));
            }
            case "task-host" ->
                    s.worker =
                            first(
                                    s.worker,
                                    first(
                                            e.getString(Ecs.AIRFLOW_HOSTNAME),
                                            e.getString(Ecs.HOST_HOSTNAME)));
            case "task-pid" -> {
                Long pid = e.getLong(Ecs.PROCESS_PID);
                if (pid != null && s.pid < 0) {
                    s.pid = pid;
                }
            }
            case "remote-connection" -> addTarget(s, e, ts);
            case "task-finished" -> {
                long end = Times.millis(e, Ecs.EVENT_END);
                s.end = Math.max(s.end, end == Times.NONE ? ts : end);
                String state = e.getString(Ecs.AIRFLOW_STATE);
                s.state = state == null ? s.state : state.toLowerCase(Locale.ROOT);
            }
            case "task-exited" -> {
                Long code = e.getLong(Ecs.PROCESS_EXIT_CODE);
                if (code != null) {
                    s.exitCode = code;
                }
            }
            default -> {
                // Ordinary log lines only move firstSeen/lastSeen.
            }
        }
        if (s.worker == null) {
            s.worker = first(e.getString(Ecs.AIRFLOW_HOSTNAME), null);
        }
        noteRemoteCommand(s, e.getString(Ecs.MESSAGE));
        s.emitDue = s.emitDue == Times.NONE ? ts : Math.min(s.emitDue, ts);
        e.put(Ecs.RUNTRAIL_ATTEMPT_KEY, s.attemptKey);
        e.put(Ecs.RUNTRAIL_RUN_KEY, s.runKey);
        out.event(e);
    }

    /** Emits what is due and forgets finished or idle attempts whose time is up. */
    public void onTime(AttemptState s, long now, AttemptOutput out) {
        if (!s.known()) {
            return;
        }
        if (s.emitDue != Times.NONE && Times.ceilSecond(s.emitDue) <= now) {
            s.sequence++;
            s.emitDue = Times.NONE;
            out.attempt(snapshot(s));
            for (AttemptWindow w : windows(s)) {
                out.window(w);
            }
        }
        if (s.emitDue == Times.NONE && expiry(s) <= now) {
            s.attemptKey = null;
        }
    }

    /** The next time {@link #onTime} has work, or {@link Long#MAX_VALUE}. */
    public long nextDeadline(AttemptState s) {
        if (!s.known()) {
            return Long.MAX_VALUE;
        }
        long next = expiry(s);
        if (s.emitDue != Times.NONE) {
            next = Math.min(next, Times.ceilSecond(s.emitDue));
        }
        return next;
    }

    private long expiry(AttemptState s) {
        return s.finished()
                ? Times.plus(Math.max(s.end, s.lastSeen), settings.attemptLinger())
                : Times.plus(s.lastSeen, settings.attemptTtl());
    }

    /** The attempt document of the current state. */
    public EcsDocument snapshot(AttemptState s) {
        EcsDocument d = new EcsDocument(Kind.ATTEMPTS, s.attemptKey);
        d.put(Ecs.TIMESTAMP, Times.instant(s.effectiveStart()));
        d.put(Ecs.EVENT_KIND, "state");
        d.put(Ecs.AIRFLOW_DAG_ID, s.dagId);
        d.put(Ecs.AIRFLOW_RUN_ID, s.runId);
        d.put(Ecs.AIRFLOW_TASK_ID, s.taskId);
        d.put(Ecs.AIRFLOW_MAP_INDEX, s.mapIndex);
        d.put(Ecs.AIRFLOW_TRY_NUMBER, s.tryNumber);
        d.put(Ecs.AIRFLOW_RUN_TYPE, s.runType);
        d.put(Ecs.AIRFLOW_OPERATOR, s.operator);
        d.put(Ecs.AIRFLOW_OWNER, s.owner);
        d.put(Ecs.AIRFLOW_STATE, s.state);
        d.put(Ecs.AIRFLOW_LOGICAL_DATE, s.logicalDate);
        d.put(Ecs.AIRFLOW_HOSTNAME, s.worker);
        d.put(Ecs.HOST_HOSTNAME, Names.host(s.worker));
        d.put(Ecs.HOST_IP, workerIp(s));
        d.put(Ecs.EVENT_START, Times.instant(s.effectiveStart()));
        d.put(Ecs.EVENT_END, Times.instant(s.end));
        if (s.finished()) {
            d.put(Ecs.EVENT_DURATION, (s.end - s.effectiveStart()) * 1_000_000L);
        }
        if (s.pid >= 0) {
            d.put(Ecs.PROCESS_PID, s.pid);
        }
        if (s.exitCode != Long.MIN_VALUE) {
            d.put(Ecs.PROCESS_EXIT_CODE, s.exitCode);
        }
        for (RemoteTarget t : s.targets) {
            d.add(Ecs.AIRFLOW_REMOTE_HOST, t.rawHost);
            d.add(Ecs.AIRFLOW_CONN_ID, t.connId);
            d.add(Ecs.DESTINATION_IP, t.ip);
            d.add(Ecs.USER_TARGET_NAME, t.account);
            d.add(Ecs.RELATED_HOSTS, t.host);
        }
        d.put(Ecs.RUNTRAIL_ATTEMPT_KEY, s.attemptKey);
        d.put(Ecs.RUNTRAIL_RUN_KEY, s.runKey);
        if (s.keyTime == Times.NONE) {
            // The run's time from its id (stable for every attempt of the run), else the start
            // as first seen; fixed from here on because the sink routes revisions by it.
            s.keyTime = RunMachine.runIdTime(s.runId);
            if (s.keyTime == Times.NONE) {
                s.keyTime = s.effectiveStart();
            }
        }
        d.put(Ecs.RUNTRAIL_KEY_TIME, Times.instant(s.keyTime));
        d.put(Fields.ATTEMPT_FINISHED, s.finished());
        d.put(Fields.ATTEMPT_LAST_SEEN, Times.instant(s.lastSeen));
        return d;
    }

    /** One window for the worker host and one per remote target. */
    public java.util.List<AttemptWindow> windows(AttemptState s) {
        java.util.List<AttemptWindow> out = new java.util.ArrayList<>(1 + s.targets.size());
        String workerHost = Names.host(s.worker);
        if (workerHost != null) {
            out.add(window(s, workerHost, AttemptWindow.WORKER, null, Times.NONE));
        }
        for (RemoteTarget t : s.targets) {
            if (t.host != null) {
                out.add(window(s, t.host, AttemptWindow.TARGET, t.account, t.connectTime));
            }
        }
        return out;
    }

    private AttemptWindow window(
            AttemptState s, String host, String role, String account, long connectTime) {
        AttemptWindow w = new AttemptWindow();
        w.attemptKey = s.attemptKey;
        w.runKey = s.runKey;
        w.dagId = s.dagId;
        w.runId = s.runId;
        w.taskId = s.taskId;
        w.mapIndex = s.mapIndex;
        w.tryNumber = s.tryNumber;
        w.host = host;
        w.role = role;
        w.account = account;
        w.worker = Names.host(s.worker);
        w.workerIp = workerIp(s);
        w.start = s.effectiveStart();
        w.end = s.end;
        w.lastSeen = s.lastSeen;
        w.connectTime = connectTime;
        if (AttemptWindow.TARGET.equals(role)) {
            w.commands = new java.util.ArrayList<>(s.remoteCommands);
        }
        return w;
    }

    private String workerIp(AttemptState s) {
        if (s.workerIp != null) {
            return s.workerIp;
        }
        String host = Names.host(s.worker);
        String configured = settings.workerIp(host);
        if (configured != null) {
            return configured;
        }
        return host != null && Names.isIpLiteral(host) ? host : null;
    }

    private static void identify(AttemptState s, EcsDocument e) {
        s.attemptKey = attemptKey(e);
        s.dagId = e.getString(Ecs.AIRFLOW_DAG_ID);
        s.runId = e.getString(Ecs.AIRFLOW_RUN_ID);
        s.taskId = e.getString(Ecs.AIRFLOW_TASK_ID);
        Long mapIndex = e.getLong(Ecs.AIRFLOW_MAP_INDEX);
        s.mapIndex = mapIndex == null ? -1 : mapIndex;
        Long tryNumber = e.getLong(Ecs.AIRFLOW_TRY_NUMBER);
        s.tryNumber = tryNumber == null ? 0 : tryNumber;
        String runKey = e.getString(Ecs.RUNTRAIL_RUN_KEY);
        s.runKey =
                runKey != null || s.dagId == null || s.runId == null
                        ? runKey
                        : Keys.run(s.dagId, s.runId);
    }

    private void addTarget(AttemptState s, EcsDocument e, long ts) {
        String raw =
                first(
                        e.getString(Ecs.AIRFLOW_REMOTE_HOST),
                        first(
                                e.getString(Ecs.DESTINATION_DOMAIN),
                                e.getString(Ecs.DESTINATION_IP)));
        if (raw == null) {
            raw = settings.connectionHost(e.getString(Ecs.AIRFLOW_CONN_ID));
        }
        if (raw == null) {
            raw = e.getString(Fields.CONNECTION_HOST);
        }
        String host = Names.host(first(e.getString(Ecs.DESTINATION_DOMAIN), raw));
        if (host == null) {
            return;
        }
        String user = e.getString(Ecs.USER_NAME);
        if (user == null) {
            // Most hooks log the connection id but not the login; the connection knows it.
            user = settings.connectionLogin(e.getString(Ecs.AIRFLOW_CONN_ID));
        }
        if (user == null) {
            user = e.getString(Fields.CONNECTION_LOGIN);
        }
        Names.Account account = Names.account(user, null);
        RemoteTarget t = null;
        for (RemoteTarget existing : s.targets) {
            if (host.equals(existing.host)) {
                t = existing;
                break;
            }
        }
        if (t == null) {
            t = new RemoteTarget();
            t.host = host;
            t.rawHost = raw;
            s.targets.add(t);
        }
        t.ip = first(t.ip, e.getString(Ecs.DESTINATION_IP));
        t.connId = first(t.connId, e.getString(Ecs.AIRFLOW_CONN_ID));
        if (t.account == null && account != null) {
            t.account = account.toString();
        }
        t.connectTime = t.connectTime == Times.NONE ? ts : Math.min(t.connectTime, ts);
    }

    /** Commands kept per attempt. */
    static final int MAX_REMOTE_COMMANDS = 4;

    private static final String RUNNING_COMMAND = "Running command: ";

    /** The WinRM/SSH hooks log the remote command line; the target logs it again in a 4688. */
    private static void noteRemoteCommand(AttemptState s, String message) {
        if (message == null
                || s.remoteCommands.size() >= MAX_REMOTE_COMMANDS
                || !message.startsWith(RUNNING_COMMAND)) {
            return;
        }
        String command = message.substring(RUNNING_COMMAND.length());
        int open = command.indexOf('\'');
        int close = command.lastIndexOf('\'');
        if (open == 0 && close > open) {
            command = command.substring(1, close);
        }
        String normalized = normalizeCommand(command);
        if (!normalized.isEmpty() && !s.remoteCommands.contains(normalized)) {
            s.remoteCommands.add(normalized);
        }
    }

    /** Lower case, no double quotes, single spaces: how command lines are compared. */
    public static String normalizeCommand(String command) {
        StringBuilder b = new StringBuilder(command.length());
        boolean space = false;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (c == '"') {
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = b.length() > 0;
                continue;
            }
            if (space) {
                b.append(' ');
                space = false;
            }
            b.append(Character.toLowerCase(c));
        }
        return b.toString();
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
