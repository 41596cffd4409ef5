package dev.runtrail.correlate.session;

import dev.runtrail.correlate.CorrelationSettings;
import dev.runtrail.correlate.Fields;
import dev.runtrail.correlate.Names;
import dev.runtrail.correlate.StringPool;
import dev.runtrail.correlate.Times;
import dev.runtrail.correlate.link.CommandLines;
import dev.runtrail.model.Ecs;
import dev.runtrail.model.EcsDocument;
import dev.runtrail.model.Keys;
import dev.runtrail.model.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Builds logon sessions from the Windows events of one (host, logon id), without Flink: 4624 opens,
 * 4672/4688/4648/account and service changes attach, 4634/4647 close, a TTL closes sessions that
 * never log off. Events that come before their 4624 wait in {@link SessionState#pending}.
 *
 * <p>Time is driven from outside: {@link #onEvent} for each event, {@link #onTime} when the
 * watermark reaches {@link #nextDeadline}. Snapshots are emitted on the deadline after a change, so
 * a burst of events in one second gives one snapshot.
 */
public final class SessionMachine {
    /** Strings that repeat across the sessions of this machine's keys; see {@link StringPool}. */
    private static final int POOLED_STRINGS = 4096;

    private final CorrelationSettings settings;
    private final StringPool pool = new StringPool(POOLED_STRINGS);

    public SessionMachine(CorrelationSettings settings) {
        this.settings = settings;
    }

    /** Applies one Windows event of this (host, logon id); {@code now} is the watermark. */
    public void onEvent(SessionState s, EcsDocument event, long now, SessionOutput out) {
        long ts = Times.millis(event, Ecs.TIMESTAMP);
        if (ts == Times.NONE) {
            ts = now;
        }
        noteHost(s, event);
        int code = eventCode(event);
        if (code == 4624) {
            logon(s, event, ts, now, out);
            return;
        }
        if (!s.opened()) {
            waitForLogon(s, event, ts, out);
            return;
        }
        if (ts < s.logonTime - settings.preLogonSlack()) {
            // An earlier session with the same logon id (ids repeat across reboots); it is gone.
            out.event(event);
            return;
        }
        attach(s, event, code, ts);
        out.event(withKey(s, event));
    }

    /** Does what is due at {@code now}: emit, expire waiting events, close by TTL, forget. */
    public void onTime(SessionState s, long now, SessionOutput out) {
        if (!s.opened() && !s.pending.isEmpty() && s.pendingSince + settings.pendingWait() <= now) {
            for (EcsDocument e : s.pending) {
                out.event(e);
            }
            s.pending.clear();
            s.pendingSince = Times.NONE;
        }
        if (s.opened() && !s.closed() && Times.plus(s.lastSeen, settings.sessionTtl()) <= now) {
            s.endTime = s.lastSeen;
            s.closeReason = "ttl";
            markDirty(s, s.lastSeen);
        }
        if (s.emitDue != Times.NONE && Times.ceilSecond(s.emitDue) <= now) {
            emit(s, out);
        }
        if (s.opened()
                && s.closed()
                && s.emitDue == Times.NONE
                && Times.plus(Math.max(s.endTime, s.lastSeen), settings.closedRetention()) <= now) {
            reset(s);
        }
    }

    /** The next time {@link #onTime} has something to do, or {@link Long#MAX_VALUE}. */
    public long nextDeadline(SessionState s) {
        long next = Long.MAX_VALUE;
        if (s.emitDue != Times.NONE) {
            next = Math.min(next, Times.ceilSecond(s.emitDue));
        }
        if (!s.opened()) {
            if (!s.pending.isEmpty()) {
                next = Math.min(next, Times.plus(s.pendingSince, settings.pendingWait()));
            }
        } else if (!s.closed()) {
            next = Math.min(next, Times.plus(s.lastSeen, settings.sessionTtl()));
        } else {
            next =
                    Math.min(
                            next,
                            Times.plus(
                                    Math.max(s.endTime, s.lastSeen), settings.closedRetention()));
        }
        return next;
    }

    /**
     * Processes in the order they started; equal times by pid and content, so that the record does
     * not depend on which of two parallel readers delivered an event first.
     */
    private static final Comparator<ProcessInfo> BY_TIME_THEN_CONTENT =
            Comparator.comparingLong((ProcessInfo p) -> p.time)
                    .thenComparingLong(p -> p.pid)
                    .thenComparingLong(p -> p.parentPid)
                    .thenComparing(
                            p -> p.executable, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(
                            p -> p.commandLine, Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * A sorted copy of a summary list. Events reach a session in the order their readers deliver
     * them (parallel splits of one file, copies of one log in two formats), so the state keeps
     * arrival order; the record lists values sorted, the same on every run over the same input.
     */
    private static List<String> sorted(List<String> values) {
        if (values.size() < 2) {
            return values;
        }
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    /** The session document of the current state (kind SESSIONS, id = session key). */
    public static EcsDocument snapshot(SessionState s) {
        String key = sessionKey(s);
        EcsDocument d = new EcsDocument(Kind.SESSIONS, key);
        d.put(Ecs.TIMESTAMP, Times.instant(s.logonTime));
        d.put(Ecs.EVENT_KIND, "state");
        d.put(Ecs.EVENT_START, Times.instant(s.logonTime));
        d.put(Ecs.EVENT_END, Times.instant(s.endTime));
        if (s.closed()) {
            d.put(Ecs.EVENT_DURATION, (s.endTime - s.logonTime) * 1_000_000L);
        }
        d.put(Ecs.HOST_NAME, s.hostName);
        d.put(Ecs.HOST_HOSTNAME, s.host);
        d.put(Ecs.WINLOG_LOGON_ID, s.logonId);
        d.put(Ecs.WINLOG_LOGON_TYPE, s.logonType);
        d.put(Ecs.USER_NAME, s.userName);
        d.put(Ecs.USER_DOMAIN, s.userDomain);
        d.put(Ecs.USER_ID, s.userId);
        d.put(Ecs.SOURCE_IP, s.sourceIp);
        d.put(Ecs.SOURCE_DOMAIN, s.workstation);
        d.put(Ecs.RUNTRAIL_SESSION_KEY, key);
        d.put(Ecs.RUNTRAIL_KEY_TIME, Times.instant(s.logonTime));
        d.put(Fields.SESSION_LINKED_LOGON_ID, s.linkedLogonId);
        d.put(Fields.SESSION_CLOSE_REASON, s.closeReason);
        d.put("winlog.event_data.AuthenticationPackageName", s.authPackage);
        d.put("winlog.event_data.ElevatedToken", s.elevatedToken);
        d.put(Fields.SESSION_PRIVILEGES, sorted(s.privileges));
        if (!s.processes.isEmpty()) {
            int n = s.processes.size();
            List<ProcessInfo> processes = new ArrayList<>(s.processes);
            processes.sort(BY_TIME_THEN_CONTENT);
            List<Object> times = new java.util.ArrayList<>(n);
            List<Object> pids = new java.util.ArrayList<>(n);
            List<Object> ppids = new java.util.ArrayList<>(n);
            List<Object> exes = new java.util.ArrayList<>(n);
            List<Object> cmds = new java.util.ArrayList<>(n);
            for (ProcessInfo p : processes) {
                times.add(java.time.Instant.ofEpochMilli(p.time));
                pids.add(p.pid);
                ppids.add(p.parentPid);
                exes.add(p.executable == null ? "-" : p.executable);
                cmds.add(p.commandLine == null ? "-" : p.commandLine);
            }
            d.put(Fields.SESSION_PROCESS_TIME, times);
            d.put(Fields.SESSION_PROCESS_PID, pids);
            d.put(Fields.SESSION_PROCESS_PARENT_PID, ppids);
            d.put(Fields.SESSION_PROCESS_EXECUTABLE, exes);
            d.put(Fields.SESSION_PROCESS_COMMAND_LINE, cmds);
        }
        if (s.processesDropped > 0) {
            d.put(Fields.SESSION_PROCESSES_DROPPED, (long) s.processesDropped);
        }
        d.put(Fields.SESSION_EXPLICIT_CREDENTIALS, sorted(s.explicitCredentials));
        d.put(Fields.SESSION_CHANGES, sorted(s.changes));
        d.put(Fields.SESSION_SEQUENCE, s.sequence);
        return d;
    }

    /** The deterministic id of the session instance. */
    public static String sessionKey(SessionState s) {
        return Keys.session(s.host, s.logonId, s.logonTime);
    }

    /**
     * The logon id of the session an event belongs to: {@code winlog.logon.id}, except for a 4688
     * whose new process runs in another logon session (TargetLogonId, e.g. wsmprovhost.exe or a
     * task process started by a SYSTEM service for a network logon): that process belongs there.
     */
    public static String logonIdOf(EcsDocument event) {
        if (eventCode(event) == 4688) {
            String target = Names.logonId(event.getString("winlog.event_data.TargetLogonId"));
            if (target != null && !target.equals("0x0")) {
                return target;
            }
        }
        return Names.logonId(event.getString(Ecs.WINLOG_LOGON_ID));
    }

    /** The Windows event id of an event, or -1. */
    public static int eventCode(EcsDocument event) {
        Long id = event.getLong(Ecs.WINLOG_EVENT_ID);
        if (id == null) {
            id = event.getLong(Ecs.EVENT_CODE);
        }
        return id == null ? -1 : id.intValue();
    }

    private void logon(SessionState s, EcsDocument event, long ts, long now, SessionOutput out) {
        if (s.opened()) {
            if (ts == s.logonTime) {
                // The same 4624 again (overlapping exports): refresh, do not reopen.
                openFrom(s, event);
                markDirty(s, ts);
                out.event(withKey(s, event));
                return;
            }
            if (Names.isWellKnownLogonId(s.logonId)) {
                // SYSTEM, LOCAL SERVICE and NETWORK SERVICE log a 4624 for every service they
                // start, all with the same logon id: one session per boot, not a new one each time.
                attach(s, event, 4624, ts);
                out.event(withKey(s, event));
                return;
            }
            if (ts < s.logonTime) {
                // A 4624 older than the current session belongs to an instance long gone.
                event.put(Ecs.RUNTRAIL_SESSION_KEY, Keys.session(s.host, s.logonId, ts));
                out.event(event);
                return;
            }
            if (!s.closed()) {
                s.endTime = Math.max(s.lastSeen, s.logonTime);
                s.closeReason = "superseded";
            }
            if (s.emitDue == Times.NONE) {
                markDirty(s, s.endTime);
            }
            emit(s, out);
            String host = s.host;
            String hostName = s.hostName;
            String logonId = s.logonId;
            reset(s);
            s.host = host;
            s.hostName = hostName;
            s.logonId = logonId;
        }
        s.logonTime = ts;
        s.lastSeen = Math.max(ts, s.lastSeen);
        openFrom(s, event);
        markDirty(s, ts);
        out.event(withKey(s, event));
        flushPending(s, out);
    }

    private void openFrom(SessionState s, EcsDocument e) {
        s.userName = pool.intern(e.getString(Ecs.USER_NAME));
        s.userDomain = pool.intern(e.getString(Ecs.USER_DOMAIN));
        s.userId = pool.intern(e.getString(Ecs.USER_ID));
        s.logonType = pool.intern(e.getString(Ecs.WINLOG_LOGON_TYPE));
        s.sourceIp = pool.intern(e.getString(Ecs.SOURCE_IP));
        s.workstation = pool.intern(e.getString(Ecs.SOURCE_DOMAIN));
        s.authPackage = pool.intern(e.getString("winlog.event_data.AuthenticationPackageName"));
        s.elevatedToken = pool.intern(e.getString("winlog.event_data.ElevatedToken"));
        String linked = Names.logonId(e.getString("winlog.event_data.TargetLinkedLogonId"));
        s.linkedLogonId = "0x0".equals(linked) ? null : linked;
    }

    private void flushPending(SessionState s, SessionOutput out) {
        Iterator<EcsDocument> it = s.pending.iterator();
        while (it.hasNext()) {
            EcsDocument e = it.next();
            long ts = Times.millis(e, Ecs.TIMESTAMP);
            if (ts != Times.NONE && ts < s.logonTime - settings.preLogonSlack()) {
                out.event(e);
            } else {
                attach(s, e, eventCode(e), ts == Times.NONE ? s.logonTime : ts);
                out.event(withKey(s, e));
            }
            it.remove();
        }
        // A new empty list rather than the emptied one: its array would stay for the session's
        // life.
        s.pending = new ArrayList<>();
        s.pendingSince = Times.NONE;
    }

    private void waitForLogon(SessionState s, EcsDocument event, long ts, SessionOutput out) {
        if (settings.maxPending() == 0) {
            out.event(event);
            return;
        }
        if (s.pending.size() >= settings.maxPending()) {
            out.event(s.pending.remove(0));
        }
        s.pending.add(event);
        s.pendingSince = s.pendingSince == Times.NONE ? ts : Math.min(s.pendingSince, ts);
    }

    private void attach(SessionState s, EcsDocument e, int code, long ts) {
        s.lastSeen = Math.max(s.lastSeen, ts);
        switch (code) {
            case 4634, 4647 -> {
                s.endTime = s.closed() && !"logoff".equals(s.closeReason) ? ts : minEnd(s, ts);
                s.closeReason = "logoff";
            }
            case 4672 -> addPrivileges(s, e.getString("winlog.event_data.PrivilegeList"));
            case 4688 -> addProcess(s, e, ts);
            case 4648 -> {
                String target = e.getString("winlog.event_data.TargetServerName");
                Names.Account who =
                        Names.account(
                                e.getString(Ecs.USER_EFFECTIVE_NAME),
                                e.getString(Ecs.USER_EFFECTIVE_DOMAIN));
                if (who != null) {
                    addBounded(
                            s.explicitCredentials,
                            who + (target == null ? "" : " -> " + target.toLowerCase()));
                }
            }
            case 4720, 4722, 4724, 4726, 4738 ->
                    addBounded(
                            s.changes,
                            code + " user=" + e.getString("winlog.event_data.TargetUserName"));
            case 4728, 4732, 4756 ->
                    addBounded(
                            s.changes,
                            code
                                    + " group="
                                    + e.getString("winlog.event_data.TargetUserName")
                                    + " member="
                                    + firstOf(
                                            e.getString("winlog.event_data.MemberName"),
                                            e.getString("winlog.event_data.MemberSid")));
            case 4697, 7045 ->
                    addBounded(
                            s.changes,
                            code
                                    + " service="
                                    + e.getString("winlog.event_data.ServiceName")
                                    + " path="
                                    + firstOf(
                                            e.getString("winlog.event_data.ServiceFileName"),
                                            e.getString("winlog.event_data.ImagePath")));
            case 4698 ->
                    addBounded(
                            s.changes, code + " task=" + e.getString("winlog.event_data.TaskName"));
            default -> {
                // Other events of the session are only keyed, not summarized.
            }
        }
        markDirty(s, ts);
    }

    private static long minEnd(SessionState s, long ts) {
        return s.closed() ? Math.min(s.endTime, ts) : ts;
    }

    private void addPrivileges(SessionState s, String list) {
        if (list == null) {
            return;
        }
        int i = 0;
        int n = list.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(list.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(list.charAt(i))) {
                i++;
            }
            if (i > start) {
                String p = pool.intern(list.substring(start, i));
                if (!s.privileges.contains(p)) {
                    s.privileges.add(p);
                }
            }
        }
    }

    private void addProcess(SessionState s, EcsDocument e, long ts) {
        Long pid = e.getLong(Ecs.PROCESS_PID);
        Long ppid = e.getLong(Ecs.PROCESS_PARENT_PID);
        if (s.processes.size() >= settings.maxProcesses()
                && !makeRoomForTaskRun(
                        s, e.getString(Ecs.PROCESS_COMMAND_LINE), ppid == null ? -1 : ppid)) {
            s.processesDropped++;
            return;
        }
        s.processes.add(
                new ProcessInfo(
                        ts,
                        pid == null ? -1 : pid,
                        ppid == null ? -1 : ppid,
                        pool.intern(e.getString(Ecs.PROCESS_EXECUTABLE)),
                        e.getString(Ecs.PROCESS_COMMAND_LINE)));
    }

    /**
     * In a full process list, makes room for a process that runs an Airflow task (the evidence of
     * the strongest link method): drops the oldest process that runs none, else the oldest task
     * process whose parent in the list runs the same task (the {@code --raw} child of a {@code
     * --local} run adds nothing). False when the new process is such a child itself, or when every
     * process is needed.
     */
    private static boolean makeRoomForTaskRun(SessionState s, String commandLine, long parentPid) {
        CommandLines.Invocation task = commandLine == null ? null : CommandLines.parse(commandLine);
        if (task == null || parentRuns(s, parentPid, task)) {
            return false;
        }
        int evict = -1;
        for (int i = 0; i < s.processes.size() && evict < 0; i++) {
            if (invocation(s.processes.get(i)) == null) {
                evict = i;
            }
        }
        for (int i = 0; i < s.processes.size() && evict < 0; i++) {
            ProcessInfo p = s.processes.get(i);
            CommandLines.Invocation runs = invocation(p);
            if (runs != null && parentRuns(s, p.parentPid, runs)) {
                evict = i;
            }
        }
        if (evict < 0) {
            return false;
        }
        s.processes.remove(evict);
        s.processesDropped++;
        return true;
    }

    private static boolean parentRuns(
            SessionState s, long parentPid, CommandLines.Invocation task) {
        if (parentPid < 0) {
            return false;
        }
        for (ProcessInfo p : s.processes) {
            if (p.pid == parentPid && task.equals(invocation(p))) {
                return true;
            }
        }
        return false;
    }

    private static CommandLines.Invocation invocation(ProcessInfo p) {
        return p.commandLine == null ? null : CommandLines.parse(p.commandLine);
    }

    private void addBounded(List<String> list, String value) {
        if (list.size() < settings.maxProcesses() && !list.contains(value)) {
            list.add(value);
        }
    }

    private static String firstOf(String a, String b) {
        return a != null ? a : b;
    }

    private void noteHost(SessionState s, EcsDocument event) {
        String name = event.getString(Ecs.HOST_NAME);
        if (name == null) {
            return;
        }
        if (s.host == null) {
            s.host = pool.intern(Names.host(name));
        }
        if (s.logonId == null) {
            s.logonId = logonIdOf(event);
        }
        if (s.hostName == null || (name.indexOf('.') > 0 && s.hostName.indexOf('.') < 0)) {
            s.hostName = pool.intern(name);
        }
    }

    private static EcsDocument withKey(SessionState s, EcsDocument event) {
        return event.put(Ecs.RUNTRAIL_SESSION_KEY, sessionKey(s));
    }

    private static void markDirty(SessionState s, long ts) {
        s.emitDue = s.emitDue == Times.NONE ? ts : Math.min(s.emitDue, ts);
    }

    private static void emit(SessionState s, SessionOutput out) {
        s.sequence++;
        s.emitDue = Times.NONE;
        out.session(s.copyForLink());
    }

    private static void reset(SessionState s) {
        SessionState fresh = new SessionState();
        s.host = fresh.host;
        s.hostName = fresh.hostName;
        s.logonId = fresh.logonId;
        s.logonTime = fresh.logonTime;
        s.endTime = fresh.endTime;
        s.lastSeen = fresh.lastSeen;
        s.closeReason = null;
        s.userName = null;
        s.userDomain = null;
        s.userId = null;
        s.logonType = null;
        s.sourceIp = null;
        s.workstation = null;
        s.authPackage = null;
        s.linkedLogonId = null;
        s.elevatedToken = null;
        s.privileges.clear();
        s.processes.clear();
        s.processesDropped = 0;
        s.explicitCredentials.clear();
        s.changes.clear();
        s.emitDue = Times.NONE;
        s.sequence = 0;
    }
}
